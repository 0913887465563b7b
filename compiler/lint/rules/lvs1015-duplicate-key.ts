import type { Block, Statement } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { exactKeyword } from "./util.ts";

export const duplicateKey: Rule = {
  meta: {
    id: "LVS1015",
    alias: "duplicate-key",
    severity: "warning",
    description: "A keyword set twice in one block; Piranha keeps the last value.",
    fixable: false,
  },
  create(ctx) {
    const seen = new Map<Block | null, Map<string, Statement>>();
    const text = ctx.source.text;
    const valueText = (s: Statement): string => (s.values.length ? text.slice(s.values[0]!.start, s.values[s.values.length - 1]!.end) : "");
    return {
      statement(stmt, parent) {
        const kw = exactKeyword(stmt);
        if (!kw || stmt.equalsAt < 0) return;
        let scope = seen.get(parent);
        if (!scope) seen.set(parent, (scope = new Map()));
        const earlier = scope.get(kw.name);
        scope.set(kw.name, stmt);
        if (!earlier) return;
        const same = valueText(earlier) === valueText(stmt);
        ctx.report({
          start: stmt.key!.start,
          end: stmt.key!.end,
          severity: same ? "info" : "warning",
          message: same
            ? `\`${kw.name}\` is set again to the same value as on line ${earlier.line}. Remove one of them.`
            : `\`${kw.name}\` is set again (line ${earlier.line} set \`${valueText(earlier)}\`): Piranha keeps this last value, \`${valueText(stmt)}\`. Remove the line that is wrong.`,
        });
      },
    };
  },
};
