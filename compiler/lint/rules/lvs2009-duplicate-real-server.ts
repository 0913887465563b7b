import type { ModelServer } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { lineOf, lvsdVirtuals } from "./semantic-2001_2013-util.ts";
import { at, label, spanFor } from "./semantic-util.ts";

export const duplicateRealServer: Rule = {
  meta: {
    id: "LVS2009",
    alias: "duplicate-real-server",
    severity: "error",
    description: "The same real-server address and port twice in one virtual server; lvsd monitors only one of them.",
    fixable: false,
  },
  create(ctx) {
    return {
      fileExit() {
        // The servers seen so far in one virtual, by address (keyed by the address strings the
        // model already holds, so that no key is built per server).
        const seen = new Map<string, ModelServer[]>();
        for (const v of lvsdVirtuals(ctx.model)) {
          seen.clear();
          for (const s of v.servers) {
            if (s.address === "0.0.0.0") continue;
            const atAddress = seen.get(s.address);
            const first = atAddress?.find((e) => e.port === s.port);
            if (!first) {
              if (atAddress) atAddress.push(s);
              else seen.set(s.address, [s]);
              continue;
            }
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
        }
      },
    };
  },
};
