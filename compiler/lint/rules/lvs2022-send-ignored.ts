import type { Rule } from "../types.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const sendIgnored: Rule = {
  meta: {
    id: "LVS2022",
    alias: "send-ignored",
    severity: "warning",
    description: "`send` next to `send_program`: nanny runs the program and never sends the string.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        if (v.send === null || v.send_program === null) return;
        const span = fieldSpan(v, "send");
        if (!span) return;
        ctx.report(
          at(
            span,
            `\`send\` is ignored in ${label(v)}: with \`send_program\` set, nanny runs the program instead and never sends this string. Remove \`send\`, or remove \`send_program\` to check with send/expect.`,
          ),
        );
      },
    };
  },
};
