import type { Rule } from "../types.ts";

/** Reported by the engine from the disable comments it finds; the rule itself visits nothing. */
export const unusedDisable: Rule = {
  meta: {
    id: "LVS1020",
    alias: "unused-disable",
    severity: "warning",
    description: "A `# lvs-lint disable=` comment that names no rule or silences no finding.",
    fixable: false,
    scope: "segment",
  },
  create() {
    return {};
  },
};
