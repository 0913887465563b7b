import type { Rule } from "../types.ts";
import { activeVirtuals, at, fwmarkGroups, label, openerSpan } from "./semantic-util.ts";
import { hasActiveServer } from "./semantic-2014_2026-util.ts";

export const emptyPool: Rule = {
  meta: {
    id: "LVS2015",
    alias: "empty-pool",
    severity: "warning",
    description: "An active virtual server with no active real server: the service is created and nothing answers on it.",
    fixable: false,
  },
  create(ctx) {
    return {
      fileExit() {
        const model = ctx.model;
        if (model.global.service !== "lvs") return;
        const active = activeVirtuals(model);
        // Virtuals sharing a firewall mark are one IPVS service: their servers form one pool.
        const groups = fwmarkGroups(active);
        for (const v of active) {
          if (hasActiveServer(v)) continue;
          if (v.fwmark !== 0 && groups.get(v.fwmark)!.some(hasActiveServer)) continue;
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
