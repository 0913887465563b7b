import type { Rule } from "../types.ts";
import { label } from "./support/messages.ts";

export const gluedBrace: Rule = {
  meta: {
    id: "LVS1006",
    alias: "glued-brace",
    severity: "error",
    description: "A `{` glued to the end of an opener, a `}` glued to text at the start of a line or to the end of a value, or a `{` on the line after its opener.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    return {
      statement(stmt, parent) {
        // `address = 10.0.0.1 eth0:1}`: Piranha splits at blanks only, so the `}` ends the value.
        const last = stmt.values[stmt.values.length - 1];
        // `}}` ends template markup, not a block.
        if (!parent || !last || last.quote || last.end - last.start < 2 || text.charCodeAt(last.end - 1) !== 125 || text.charCodeAt(last.end - 2) === 125) return;
        const body = text.slice(last.start, last.end - 1);
        ctx.report({
          start: last.end - 1,
          end: last.end,
          parser: "reads",
          message: `\`}\` is glued to \`${body}\`: Piranha reads it as part of the value (\`${text.slice(last.start, last.end)}\`), not as the end of ${label(parent)}. Put \`}\` on a line of its own.`,
          ...(parent.close ? {} : { fix: { range: [last.end - 1, last.end - 1], text: "\n" } }),
        });
      },
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
