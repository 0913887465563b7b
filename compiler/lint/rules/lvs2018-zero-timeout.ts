import type { Rule } from "../types.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const zeroTimeout: Rule = {
  meta: {
    id: "LVS2018",
    alias: "zero-timeout",
    severity: "error",
    description: "`timeout = 0` (or below): nanny divides by it and crashes, or never checks again.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        if (v.timeout > 0) return;
        const span = fieldSpan(v, "timeout");
        if (!span) return;
        const what =
          v.timeout === 0
            ? `nanny divides reentry by it and dies before its first check, so no server of this virtual is ever added${ctx.model.global.hard_shutdown === 1 ? ", and lvsd then stops all of LVS (`hard_shutdown = 1`)" : ""}`
            : "nanny checks each server once and then sleeps for good (a negative alarm is about 136 years), so a server that fails later is never taken out";
        ctx.report(at(span, `\`timeout = ${v.timeout}\` in ${label(v)}: ${what}. Set the seconds between checks, e.g. 6 or 10.`));
      },
    };
  },
};
