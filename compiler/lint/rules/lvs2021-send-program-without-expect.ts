import type { Rule } from "../types.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const sendProgramWithoutExpect: Rule = {
  meta: {
    id: "LVS2021",
    alias: "send-program-without-expect",
    severity: "error",
    description: "`send_program` without `expect`: nanny counts every check as failed.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        if (v.send_program === null || v.expect !== null) return;
        const span = fieldSpan(v, "send_program");
        if (!span) return;
        ctx.report(
          at(
            span,
            `\`send_program\` without \`expect\` in ${label(v)}: nanny compares the program's output with \`expect\`, and with none every check fails, so no server of this virtual is ever added. Add \`expect\` with exactly what the program prints (without its final newline).`,
          ),
        );
      },
    };
  },
};
