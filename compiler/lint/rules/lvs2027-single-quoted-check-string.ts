import type { Rule } from "../types.ts";
import { forKeywords } from "./support/syntax.ts";

/** What nanny makes of each value when the single quotes reach it. */
const EFFECT: Record<string, string> = {
  send: "nanny sends the two quote characters along with the request",
  expect: "nanny looks for the quote characters in the reply too, and the check fails",
  send_program:
    "nanny runs a program whose name begins with a quote, which does not exist (and when `expect` is set a program that cannot run counts as a passed check)",
};

export const singleQuotedCheckString: Rule = {
  meta: {
    id: "LVS2027",
    alias: "single-quoted-check-string",
    severity: "warning",
    description: "A `send`, `expect` or `send_program` value in single quotes: the quotes reach nanny as part of the string.",
    fixable: true,
    scope: "segment",
  },
  create(ctx) {
    return {
      keywords: forKeywords(Object.keys(EFFECT), (stmt) => {
        const kw = stmt.keyword;
        if (!kw || stmt.level !== "virtual" || stmt.equalsAt < 0) return;
        if (stmt.values.length !== 1) return;
        const word = stmt.values[0]!;
        if (word.quote !== "'" || !word.quoteOk) return;
        const value = word.value;
        const canFix = !value.includes('"');
        ctx.report({
          start: word.start,
          end: word.end,
          message:
            `\`${kw.name}\` is in single quotes: Piranha keeps them and lvsd strips only double quotes, so ${EFFECT[kw.name]}. ` +
            (canFix ? "Use double quotes." : "The value holds a double quote, so write it without quotes if it has no blanks, or drop that character."),
          ...(canFix ? { fix: { range: [word.start, word.end] as const, text: `"${value}"` } } : {}),
        });
      }),
    };
  },
};
