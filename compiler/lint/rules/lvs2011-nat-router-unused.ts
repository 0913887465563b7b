import type { Rule } from "../types.ts";
import { at, fieldSpan } from "./support/fields.ts";

export const natRouterUnused: Rule = {
  meta: {
    id: "LVS2011",
    alias: "nat-router-unused",
    severity: "warning",
    description: "`nat_router` or `nat_nmask` with direct routing or tunnelling; pulse uses them only with NAT.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        if (g.service === "fos" || g.network === "nat") return;
        for (const field of ["nat_router", "nat_nmask"] as const) {
          const span = fieldSpan(g, field);
          if (!span) continue;
          ctx.report(
            at(
              span,
              `\`${field}\` is ignored with \`network = ${g.network}\`: pulse brings up the NAT router address only with NAT. Remove this line, or set \`network = nat\` if NAT is meant.`,
            ),
          );
        }
      },
    };
  },
};
