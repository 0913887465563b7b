import type { Rule } from "../types.ts";
import { at, fieldSpan, label } from "./semantic-util.ts";
import { lvsVirtuals } from "./semantic-2014_2026-util.ts";

export const sendIgnored: Rule = {
  meta: {
    id: "LVS2022",
    alias: "send-ignored",
    severity: "warning",
    description: "`send` next to `send_program`: nanny runs the program and never sends the string.",
    fixable: false,
  },
  create(ctx) {
    return {
      fileExit() {
        for (const v of lvsVirtuals(ctx.model)) {
          if (v.send === null || v.send_program === null) continue;
          const span = fieldSpan(v, "send");
          if (!span) continue;
          ctx.report(
            at(
              span,
              `\`send\` is ignored in ${label(v)}: with \`send_program\` set, nanny runs the program instead and never sends this string. Remove \`send\`, or remove \`send_program\` to check with send/expect.`,
            ),
          );
        }
      },
    };
  },
};
