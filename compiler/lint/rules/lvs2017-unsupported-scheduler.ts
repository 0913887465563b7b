import { SCHEDULERS } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { forKeywords } from "./support/syntax.ts";

/** Schedulers the kernel (and ipvsadm) offer that Piranha's parser and lvsd do not know. */
export const KERNEL_ONLY_SCHEDULERS: ReadonlyMap<string, string> = new Map([
  ["sed", "shortest expected delay"],
  ["nq", "never queue"],
  ["fo", "weighted failover"],
  ["ovf", "weighted overflow"],
  ["mh", "maglev hashing"],
  ["twos", "weighted random twos choice"],
]);

export const unsupportedScheduler: Rule = {
  meta: {
    id: "LVS2017",
    alias: "unsupported-scheduler",
    severity: "error",
    description: "A scheduler the kernel has but Piranha rejects (`sed`, `nq`, `fo`, `ovf`, `mh`, `twos`).",
    fixable: false,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      keywords: forKeywords(["scheduler"], (stmt) => {
        if (stmt.keyword!.level !== "virtual" || stmt.equalsAt < 0) return;
        const value = stmt.values[0];
        if (!value) return;
        const name = KERNEL_ONLY_SCHEDULERS.get(value.value);
        if (!name) return;
        ctx.report({
          start: value.start,
          end: value.end,
          message: `\`${value.value}\` (${name}) is a kernel scheduler, but Piranha knows only ${SCHEDULERS.join(", ")}: pulse and lvsd refuse the whole file (invalid argument). Pick one of those, e.g. \`wlc\`.`,
        });
      }),
    };
  },
};
