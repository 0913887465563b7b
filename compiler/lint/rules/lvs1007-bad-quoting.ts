import { isBlank, type Statement, type Word } from "../../../grammar/index.ts";
import type { Rule, RuleContext } from "../types.ts";

function checkWord(ctx: RuleContext, word: Word, inVirtual: boolean, next: Word | undefined): void {
  const text = ctx.source.text;
  const q = word.quote;
  if (!q) return;
  const piranhaSays = inVirtual ? "missing arguments" : "quotation mismatch";
  const closed = word.end - word.start >= 2 && text[word.end - 1] === q;
  if (!word.quoteOk) {
    const lineEnd = ctx.source.lineContentEnd(ctx.source.lineOf(word.start));
    if (!closed) {
      ctx.report({
        start: word.start,
        end: word.end,
        message: `Unterminated ${q === '"' ? "double" : "single"} quote: there is no closing ${q} on this line (${piranhaSays}).`,
      });
      return;
    }
    let i = word.end;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    if (i === lineEnd && i > word.end) {
      ctx.report({
        start: word.end,
        end: lineEnd,
        message: `Blanks after the closing quote: Piranha then looks for another ${q} and reports ${piranhaSays}. Remove the trailing blanks.`,
        fix: { range: [word.end, lineEnd], text: "" },
      });
      return;
    }
    ctx.report({
      start: word.start,
      end: word.end,
      message: `A quoted value without blanks inside must end its line: Piranha reads on to the next ${q} or the end of the line (${piranhaSays}).`,
    });
    return;
  }
  // `"say \"hi\""` or `"GET /\" HTTP"`: the quote Piranha stops at is the escaped one, and the rest
  // of the intended value follows as further words.
  if (closed && word.end - word.start > 2 && text[word.end - 2] === "\\" && next) {
    ctx.report({
      start: word.end - 2,
      end: next.end,
      message: `\\${q} does not escape a quote: Piranha ends the value at this ${q} and reads the rest as further arguments. A ${q} cannot appear inside a ${q === '"' ? "double" : "single"}-quoted value; use the other quote character, or no quotes if the value has no blanks.`,
    });
  }
}

export const badQuoting: Rule = {
  meta: {
    id: "LVS1007",
    alias: "bad-quoting",
    severity: "error",
    description: "Quoting Piranha rejects: blanks after a closing quote, an escaped or unterminated quote, a quoted keyword.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const visit = (words: readonly Word[], inVirtual: boolean): void => {
      for (let i = 0; i < words.length; i++) checkWord(ctx, words[i]!, inVirtual, words[i + 1]);
    };
    return {
      unusualStatement(stmt: Statement) {
        const inVirtual = stmt.level === "virtual";
        if (stmt.key?.quote) {
          ctx.report({
            start: stmt.key.start,
            end: stmt.key.end,
            message: `A keyword must not be quoted: write \`${stmt.key.value}\` without quotes.`,
          });
        }
        visit(stmt.values, inVirtual);
      },
      block(block) {
        visit(block.names, block.level === "virtual");
      },
    };
  },
};
