import type { Rule } from "../types.ts";
import { label } from "./support/messages.ts";

export const gluedBrace: Rule = {
  meta: {
    id: "LVS1006",
    alias: "glued-brace",
    severity: "error",
    description: "`{` or `}` touching a word, or `{` on the line after its opener.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    return {
      block(block) {
        if (block.braceAt < 0) return;
        const last = block.names[block.names.length - 1] ?? block.keyword;
        if (block.braceOnOwnLine) {
          ctx.report({
            start: block.braceAt,
            end: block.braceAt + 1,
            message: `The \`{\` of ${label(block)} is on the next line: Piranha needs it on the opener line (missing arguments).`,
            fix: { range: [last.end, block.braceAt + 1], text: " {" },
          });
        } else if (last.end === block.braceAt) {
          ctx.report({
            start: last.start,
            end: block.braceAt + 1,
            message: `\`{\` is glued to \`${text.slice(last.start, last.end)}\`: Piranha reads one word and finds no \`{\` (missing arguments). Put a blank before it.`,
            fix: { range: [block.braceAt, block.braceAt], text: " " },
          });
        }
        const close = block.close;
        if (close && close.trailing[0]?.start === close.start + 1) {
          ctx.report({
            start: close.start,
            end: close.trailing[0].end,
            message: "`}` is glued to the text after it: Piranha reads one word, not a closing brace (unknown command). Put `}` on a line of its own.",
            fix: { range: [close.start + 1, close.start + 1], text: "\n" },
          });
        }
      },
    };
  },
};
