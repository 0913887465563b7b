import type { ModelVirtual } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { hasActiveServer, isStarted } from "../../model/lvsd.ts";
import { at, openerSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const emptyPool: Rule = {
  meta: {
    id: "LVS2015",
    alias: "empty-pool",
    severity: "warning",
    description: "An active virtual server with no active real server: the service is created and nothing answers on it.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "fwmark", "name"], server: ["active"] },
  },
  create(ctx) {
    /** Started virtuals without an active real server, in file order. */
    const empty: ModelVirtual[] = [];
    /** Firewall marks of started virtuals with an active real server. */
    const served = new Set<number>();
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (!hasActiveServer(v)) empty.push(v);
        else if (v.fwmark !== 0) served.add(v.fwmark);
      },
      fileExit() {
        for (const v of empty) {
          // Virtuals sharing a firewall mark are one IPVS service: their servers form one pool.
          if (v.fwmark !== 0 && served.has(v.fwmark)) continue;
          const what =
            v.servers.length === 0
              ? "has no `server` block"
              : v.servers.length === 1
                ? "its one real server is not `active = 1`"
                : `none of its ${v.servers.length} real servers is \`active = 1\``;
          ctx.report(
            at(
              openerSpan(v),
              `${label(v)} is active, but ${what}: lvsd creates the service and starts no health check, so every connection to it fails (a sorry_server is never added either). Add an active real server, or set \`active = 0\`.`,
            ),
          );
        }
      },
    };
  },
};
