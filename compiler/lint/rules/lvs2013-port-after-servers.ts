import type { Rule } from "../types.ts";
import { at, fieldSpan, isSet } from "./support/fields.ts";
import { label, listing } from "./support/messages.ts";

export const portAfterServers: Rule = {
  meta: {
    id: "LVS2013",
    alias: "port-after-servers",
    severity: "warning",
    description: "`port` set after `server` blocks that took the earlier value as their port.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (v.block !== "virtual") return;
        // A server without its own `port` took the virtual's port as read when its block began.
        const isStale = (s: (typeof v.servers)[number]): boolean => s.port !== v.port && !isSet(s, "port");
        if (!v.servers.some(isStale)) return;
        const span = fieldSpan(v, "port");
        if (!span) return;
        const stale = v.servers.filter(isStale);
        const names = listing(stale.map((s) => `${label(s)} (${s.port})`));
        ctx.report(
          at(
            span,
            `\`port\` is set to ${v.port} after ${names}, which took the port in force when ${stale.length === 1 ? "it was" : "they were"} read: ${stale.length === 1 ? "its" : "their"} health checks (and, with NAT, ${stale.length === 1 ? "its" : "their"} traffic) go to that port, not to ${v.port}. Move \`port\` above the first \`server\`, or give ${stale.length === 1 ? "the server a `port` of its" : "the servers a `port` of their"} own.`,
          ),
        );
      },
    };
  },
};
