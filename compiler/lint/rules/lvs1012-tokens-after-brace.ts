import type { CloseBrace, Stray } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";

export const tokensAfterBrace: Rule = {
  meta: {
    id: "LVS1012",
    alias: "tokens-after-brace",
    severity: "warning",
    description: "Text after a closing `}` on its line; Piranha ignores it without a word.",
    fixable: true,
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    const check = (close: CloseBrace | Stray): void => {
      const words = close.trailing;
      if (words.length === 0 || words[0]!.start === close.start + 1) return;
      const first = words[0]!;
      const last = words[words.length - 1]!;
      let from = close.start + 1;
      while (text[from] === " " || text[from] === "\t") from++;
      ctx.report({
        start: first.start,
        end: last.end,
        message: `\`${text.slice(first.start, last.end)}\` after \`}\` is ignored by Piranha. Remove it, or make it a comment on a line of its own.`,
        fix: { range: [close.start + 1, last.end], text: "" },
      });
    };
    return {
      block(block) {
        if (block.close) check(block.close);
      },
    };
  },
};
