import type { Rule } from "../types.ts";

export const keywordCase: Rule = {
  meta: {
    id: "LVS1009",
    alias: "keyword-case",
    severity: "error",
    description: "A keyword or enumerated value in the wrong letter case (`Primary`, `WLC`, `TCP`); Piranha is case-sensitive.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      unusualStatement(stmt) {
        const key = stmt.key;
        if (!key || key.quote) return;
        const kw = stmt.keyword;
        if (!kw || kw.kind === "block") return;
        if (!stmt.keywordExact) {
          ctx.report({
            start: key.start,
            end: key.end,
            message: `Keywords are case-sensitive: Piranha knows \`${kw.name}\`, not \`${key.value}\` (unknown command).`,
            fix: { range: [key.start, key.end], text: kw.name },
          });
        }
        const value = stmt.values[0];
        // Piranha strips the quotes before it compares, so `"WLC"` is as wrong as `WLC`.
        if (kw.kind === "enum" && value && value.quoteOk && !kw.values!.includes(value.value)) {
          const match = kw.values!.find((v) => v.toLowerCase() === value.value.toLowerCase());
          if (match) {
            const inner: [number, number] = value.quote ? [value.start + 1, value.end - 1] : [value.start, value.end];
            ctx.report({
              start: value.start,
              end: value.end,
              message: `Values of \`${kw.name}\` are case-sensitive: Piranha accepts \`${match}\`, not \`${value.value}\` (invalid argument).`,
              fix: { range: inner, text: match },
            });
          }
        }
      },
      block(block) {
        const word = block.keyword;
        if (!hasUpperCase(ctx.source.text, word.start, word.end)) return;
        const lower = word.value.toLowerCase();
        if (word.value !== lower) {
          ctx.report({
            start: word.start,
            end: word.end,
            message: `Keywords are case-sensitive: Piranha knows \`${lower}\`, not \`${word.value}\` (unknown command).`,
            fix: { range: [word.start, word.end], text: lower },
          });
        }
      },
    };
  },
};

/** An ASCII capital letter stands in text[start, end) (block keywords are ASCII words). */
function hasUpperCase(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}
