import type { BlockItem, Statement, TopItem } from "../../../grammar/index.ts";
import type { Rule, RuleContext } from "../types.ts";
import { exactKeyword } from "./util.ts";

function checkScope(ctx: RuleContext, items: ReadonlyArray<TopItem | BlockItem>): void {
  const text = ctx.source.text;
  const valueText = (s: Statement): string => (s.values.length ? text.slice(s.values[0]!.start, s.values[s.values.length - 1]!.end) : "");
  const seen = new Map<string, Statement>();
  for (const stmt of items) {
    if (stmt.kind !== "statement" || stmt.equalsAt < 0) continue;
    const kw = exactKeyword(stmt);
    if (!kw) continue;
    const earlier = seen.get(kw.name);
    seen.set(kw.name, stmt);
    if (!earlier) continue;
    const same = valueText(earlier) === valueText(stmt);
    ctx.report({
      start: stmt.key!.start,
      end: stmt.key!.end,
      severity: same ? "info" : "warning",
      message: same
        ? `\`${kw.name}\` is set again to the same value as on line ${earlier.line}. Remove one of them.`
        : `\`${kw.name}\` is set again (line ${earlier.line} set \`${valueText(earlier)}\`): Piranha keeps this last value, \`${valueText(stmt)}\`. Remove the line that is wrong.`,
    });
  }
}

export const duplicateKey: Rule = {
  meta: {
    id: "LVS1015",
    alias: "duplicate-key",
    severity: "warning",
    description: "A keyword set twice in one block; Piranha keeps the last value.",
    fixable: false,
  },
  create(ctx) {
    return {
      file(file) {
        checkScope(ctx, file.items);
      },
      block(block) {
        checkScope(ctx, block.items);
      },
    };
  },
};
