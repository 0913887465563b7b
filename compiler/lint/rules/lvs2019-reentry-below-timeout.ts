import type { Rule } from "../types.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

/** C integer division, as nanny computes `reentry / timeout`. */
const cdiv = (a: number, b: number): number => Math.trunc(a / b);

export const reentryBelowTimeout: Rule = {
  meta: {
    id: "LVS2019",
    alias: "reentry-below-timeout",
    severity: "warning",
    description: "`reentry` below `timeout`: nanny needs ⌊reentry/timeout⌋ = 0 good checks, so a failed server is back after its first good check.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        // timeout ≤ 0 is LVS2018's.
        if (v.timeout <= 0) return;
        if (v.reentry !== 0 && cdiv(v.reentry, v.timeout) > 0) return;
        const span = fieldSpan(v, "reentry") ?? fieldSpan(v, "timeout");
        if (!span) return;
        if (v.reentry === 0) {
          ctx.report(
            at(
              span,
              `\`reentry = 0\` in ${label(v)} does not readmit at once: nanny takes 0 as "not given" and waits 180 s (${cdiv(180, v.timeout)} good checks at \`timeout = ${v.timeout}\`). Write the number of seconds you want.`,
              { severity: "info" },
            ),
          );
          return;
        }
        const checks = cdiv(v.reentry, v.timeout);
        if (checks > 0) return;
        const given = fieldSpan(v, "reentry") ? "" : " (the default)";
        ctx.report(
          at(
            span,
            `\`reentry = ${v.reentry}\`${given} is less than \`timeout = ${v.timeout}\` in ${label(v)}: nanny needs ⌊${v.reentry}/${v.timeout}⌋ = ${checks} good checks, so a failed server is readmitted at its first good check and a flapping server keeps coming back. Make reentry a multiple of timeout, e.g. ${3 * v.timeout}.`,
          ),
        );
      },
    };
  },
};
