import { KEYWORDS } from "../../../grammar/index.ts";
import { readStatement } from "../../model/read.ts";
import type { Rule } from "../types.ts";
import { assignedKeyword, forKeywords } from "./support/syntax.ts";

const HOST_KEYWORDS = KEYWORDS.filter((k) => k.kind === "host" || k.kind === "hostDevice").map((k) => k.name);

export const hostnameAddress: Rule = {
  meta: {
    id: "LVS1014",
    alias: "hostname-address",
    severity: "warning",
    description: "A host name where an address is expected; it is resolved when the daemons start.",
    fixable: false,
    scripts: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      keywords: forKeywords(HOST_KEYWORDS, (stmt) => {
        const kw = assignedKeyword(stmt);
        if (!kw || (kw.kind !== "host" && kw.kind !== "hostDevice")) return;
        const w = stmt.values[0]!;
        const r = readStatement(kw, stmt);
        if (!r.ok || (r.kind !== "host" && r.kind !== "hostDevice") || !r.name) return;
        ctx.report({
          start: w.start,
          end: w.end,
          message: `\`${w.value}\` is a host name: pulse and lvsd look it up every time they read the file, so a slow or failing DNS lookup stops the director from starting or reloading. Write the IPv4 address.`,
        });
      }),
    };
  },
};
