import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const pmaskWithoutPersistence: Rule = {
  meta: {
    id: "LVS2028",
    alias: "pmask-without-persistence",
    severity: "warning",
    description: "`pmask` on a virtual server without `persistent`: lvsd passes `-M` only with `-p`, so the mask does nothing.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (v.persistent > 0) return;
        const span = fieldSpan(v, "pmask");
        if (!span) return;
        ctx.report(
          at(
            span,
            `\`pmask\` has no effect: ${label(v)} has no \`persistent\` timeout, and lvsd passes the mask to ipvsadm only together with one, so clients are not kept on one real server. Add \`persistent = SECONDS\`, or remove \`pmask\`.`,
          ),
        );
      },
    };
  },
};
