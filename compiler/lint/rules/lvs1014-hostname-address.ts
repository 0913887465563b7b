import { parseHost } from "../../model/values.ts";
import type { Rule } from "../types.ts";

export const hostnameAddress: Rule = {
  meta: {
    id: "LVS1014",
    alias: "hostname-address",
    severity: "warning",
    description: "A host name where an address is expected; it is resolved when the daemons start.",
    fixable: false,
  },
  create(ctx) {
    return {
      statement(stmt) {
        if (!stmt.key || stmt.equalsAt < 0) return;
        const kw = stmt.keyword;
        const w = stmt.values[0];
        if (!kw || !w || (kw.kind !== "host" && kw.kind !== "hostDevice")) return;
        const h = parseHost(w.value);
        if (!h.ok || h.value.kind !== "name") return;
        ctx.report({
          start: w.start,
          end: w.end,
          message: `\`${w.value}\` is a host name: pulse and lvsd look it up every time they read the file, so a slow or failing DNS lookup stops the director from starting or reloading. Write the IPv4 address.`,
        });
      },
    };
  },
};
