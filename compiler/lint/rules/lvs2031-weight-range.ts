import type { Rule } from "../types.ts";
import { activeServers, isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan, isSet } from "./support/fields.ts";
import { label } from "./support/messages.ts";

/** The largest weight ipvsadm accepts (`-w 0..65535`). */
const MAX_WEIGHT = 65535;

export const weightRange: Rule = {
  meta: {
    id: "LVS2031",
    alias: "weight-range",
    severity: "error",
    description: "A real server weight that is negative or above 65535 (error), or 0, which nanny turns into 1 (warning).",
    fixable: false,
    scripts: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        for (const s of activeServers(v)) {
          const w = s.weight;
          if ((w > 0 && w <= MAX_WEIGHT) || !isSet(s, "weight")) continue;
          const span = fieldSpan(s, "weight")!;
          if (w < 0) {
            ctx.report(
              at(
                span,
                `A negative weight is not valid: nanny adds ${label(s)} with weight 1, and with a load monitor it soon asks ipvsadm for a negative weight, which ipvsadm refuses; the nanny then exits (with \`hard_shutdown = 1\`, all of LVS stops). Use a weight of 1 or more.`,
                // The bundle's table starts it at weight 1, as nanny does.
                { scripts: "reads" },
              ),
            );
          } else if (w > MAX_WEIGHT) {
            ctx.report(
              at(
                span,
                `ipvsadm accepts weights up to ${MAX_WEIGHT}: nanny starts ${label(s)} at weight/32 and doubles it towards ${w}, ipvsadm refuses the first value above ${MAX_WEIGHT}, and the nanny exits (with \`hard_shutdown = 1\`, all of LVS stops). Scale the weights of this virtual server down.`,
              ),
            );
          } else if (w === 0) {
            ctx.report(
              at(
                span,
                `\`weight = 0\` does not keep ${label(s)} out of the rotation: nanny adds it with weight 1 once it passes its check. Set \`active = 0\` to take it out, or give it a weight of 1 or more.`,
                { severity: "warning", scripts: "reads" },
              ),
            );
          }
        }
      },
    };
  },
};
