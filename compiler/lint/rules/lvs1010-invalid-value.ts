import { inetAton } from "../../model/values.ts";
import { readStatement } from "../../model/read.ts";
import type { Rule } from "../types.ts";
import { KERNEL_ONLY_SCHEDULERS } from "./lvs2017-unsupported-scheduler.ts";

export const invalidValue: Rule = {
  meta: {
    id: "LVS1010",
    alias: "invalid-value",
    severity: "error",
    description: "A value Piranha cannot read for its keyword: an integer, boolean, address, netmask or enumerated value was expected.",
    fixable: false,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      statement(stmt) {
        // A statement without a key has no keyword either.
        const kw = stmt.keyword;
        if (stmt.equalsAt < 0 || !kw || kw.kind === "block") return;
        const value = stmt.values[0];
        if (kw.kind === "pmask" && value && inetAton(value.value) === null) {
          ctx.report({
            start: value.start,
            end: value.end,
            parser: "reads",
            message: `\`${value.value}\` is not a netmask: Piranha silently ignores this pmask and persistence applies to single client addresses. Write a netmask such as 255.255.255.0.`,
          });
          return;
        }
        const r = readStatement(kw, stmt);
        if (r.ok || !r.problem.word) return;
        const w = r.problem.word;
        // LVS2017 names the kernel schedulers Piranha does not know.
        if (kw.name === "scheduler" && KERNEL_ONLY_SCHEDULERS.has(w.value)) return;
        ctx.report({
          start: w.start,
          end: w.end,
          message: `\`${w.value}\` is not a valid \`${kw.name}\` (${r.problem.message}): Piranha accepts ${r.problem.expected}${kw.rejectsZero && inetAton(w.value) === 0 ? ", not 0.0.0.0" : ""}.`,
        });
      },
    };
  },
};
