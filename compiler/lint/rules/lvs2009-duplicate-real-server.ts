import type { ModelServer } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";
import { label, lineOf } from "./support/messages.ts";

export const duplicateRealServer: Rule = {
  meta: {
    id: "LVS2009",
    alias: "duplicate-real-server",
    severity: "error",
    description: "The same real-server address and port twice in one virtual server; lvsd monitors only one of them.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    const earlier = new EarlierTwin();
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        earlier.start(v.servers);
        for (let i = 0; i < v.servers.length; i++) {
          const s = v.servers[i]!;
          if (s.address === "0.0.0.0") continue;
          const first = earlier.of(i);
          if (!first) continue;
          if (first.active !== 1 && s.active !== 1) continue;
          const bothActive = first.active === 1 && s.active === 1;
          const effect = bothActive
            ? "lvsd starts one health check per address and port, so this entry is ignored, its weight included"
            : "lvsd matches real servers by address and port, so on every reload (SIGHUP) the switched-off entry stops the health check of the active one, and nanny takes that server out of service";
          ctx.report(
            at(
              spanFor(s, "address"),
              `${label(s)} repeats ${s.address}:${s.port} of ${label(first)} (line ${lineOf(first)}): ${effect}. Remove one of them, or correct the address or port.`,
            ),
          );
        }
      },
    };
  },
};

/**
 * For each server of a virtual, in order, the first server before it with the same address and
 * port. A pool of a few servers is searched directly; a large one through a map by address
 * (keyed by the address strings the model already holds, so that no key is built per server).
 */
class EarlierTwin {
  private servers: readonly ModelServer[] = [];
  private readonly byAddress = new Map<string, ModelServer[]>();

  start(servers: readonly ModelServer[]): void {
    this.servers = servers;
    this.byAddress.clear();
  }

  /** Call for i = 0, 1, … in turn, skipping unset addresses. */
  of(i: number): ModelServer | undefined {
    const servers = this.servers;
    const s = servers[i]!;
    if (servers.length <= 16) {
      for (let j = 0; j < i; j++) {
        const e = servers[j]!;
        if (e.port === s.port && e.address === s.address) return e;
      }
      return undefined;
    }
    const atAddress = this.byAddress.get(s.address);
    const first = atAddress?.find((e) => e.port === s.port);
    if (!first) {
      if (atAddress) atAddress.push(s);
      else this.byAddress.set(s.address, [s]);
    }
    return first;
  }
}
