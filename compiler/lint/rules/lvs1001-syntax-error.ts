import type { Statement } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { label } from "./support/messages.ts";

const TEMPLATE = /<%|\{\{|\{%/;

export const syntaxError: Rule = {
  meta: {
    id: "LVS1001",
    alias: "syntax-error",
    severity: "error",
    description: "A line Piranha cannot read as a statement, a block opener or a closing brace.",
    fixable: false,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    const templated = new Set<number>();
    // Three searches for a plain string are much faster over a large file than one regex.
    const hasTemplate = text.includes("<%") || text.includes("{{") || text.includes("{%");
    const template = (start: number, end: number): boolean => {
      if (!hasTemplate) return false;
      const m = TEMPLATE.exec(text.slice(start, end));
      if (!m) return false;
      const line = ctx.source.lineOf(start);
      if (!templated.has(line)) {
        templated.add(line);
        ctx.report({
          start: start + m.index,
          end: start + m.index + m[0].length,
          // Piranha itself reads `{{` as part of a word: the other findings on the line say whether it refuses it.
          parser: "reads",
          message: `Template markup \`${m[0]}\`: this is a template, not an lvs.cf. Render it first, then lint the result.`,
        });
      }
      return true;
    };
    const statement = (stmt: Statement): void => {
      if (template(stmt.start, stmt.end)) return;
      if (!stmt.key) {
        ctx.report({ start: stmt.equalsAt, end: stmt.equalsAt + 1, message: "A line cannot start with `=` (unknown command): a keyword is missing before it." });
        return;
      }
      if (stmt.keyword?.kind === "block" && stmt.equalsAt >= 0) {
        const name = stmt.key.value;
        ctx.report({
          start: stmt.key.start,
          end: stmt.end,
          message: `\`${name}\` opens a block: write \`${name.toLowerCase()} NAME {\`, not \`${name} = …\`.`,
        });
        return;
      }
      if (stmt.equalsAt < 0 && stmt.keywordExact) {
        const name = stmt.key.value;
        ctx.report({
          start: stmt.key.start,
          end: stmt.end,
          message: `equal (=) expected after command: write \`${name} = VALUE\`.`,
        });
      }
    };
    return {
      // Template markup can stand in any line; without it, a plain line has nothing to report.
      ...(hasTemplate ? { statement } : { unusualStatement: statement }),
      block(block) {
        if (template(block.start, ctx.source.lineContentEnd(block.line))) return;
        if (block.braceAt < 0) {
          const last = block.names[block.names.length - 1] ?? block.keyword;
          ctx.report({
            start: block.keyword.start,
            end: last.end,
            message: `${label(block)} has no \`{\`: Piranha needs \`${block.blockType} NAME {\` on one line.`,
          });
        }
      },
      stray(stray) {
        if (template(stray.start, stray.end)) return;
        ctx.report({
          start: stray.start,
          end: stray.start + 1,
          message:
            stray.brace === "}"
              ? "This `}` closes no block (unknown command). Remove it, or check the braces above."
              : "This `{` opens no block: a `{` must end a `virtual NAME {`, `failover NAME {` or `server NAME {` line.",
        });
      },
    };
  },
};
