import type { Rule } from "../types.ts";

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Piranha ends a line at the next carriage return as long as one remains ahead in the file,
 * and only after the last one at line feeds. So a line feed before a carriage return does not
 * end a line (the lines run together), and a line that starts with the line feed of a CRLF is
 * read as empty (it is skipped).
 */
export const crlfLineEndings: Rule = {
  meta: {
    id: "LVS1004",
    alias: "crlf-line-endings",
    severity: "error",
    description: "CRLF line endings, or a carriage return inside an LF file; Piranha then skips or joins lines.",
    fixable: true,
    parser: "refuses",
    scope: "document",
  },
  create(ctx) {
    return {
      start() {
        const { text } = ctx.source;
        if (!text.includes("\r") || !text.includes("\n")) return;
        const lineOf = (o: number): number => ctx.source.lineOf(o);
        let segStart = 0;
        let firstSkip = -1;
        let skipped = 0;
        let crlfs = 0;
        for (let cr = text.indexOf("\r"); cr >= 0; cr = text.indexOf("\r", cr + 1)) {
          if (text.charCodeAt(cr + 1) === 10) crlfs++;
          let a = segStart;
          while (a < cr && isBlankCode(text.charCodeAt(a))) a++;
          const lf = text.indexOf("\n", a);
          if (a < cr && text.charCodeAt(a) === 10) {
            if (text.slice(a, cr).trim() !== "") {
              skipped++;
              if (firstSkip < 0) firstSkip = segStart > 0 ? segStart - 1 : a;
            }
          } else if (lf >= 0 && lf < cr) {
            const from = lineOf(a);
            const to = lineOf(cr);
            const crlf = text.charCodeAt(cr + 1) === 10;
            ctx.report({
              start: a,
              end: lf,
              // Lines run together are one comment when the first is one; else their words are wrong.
              parser: text.charCodeAt(a) === 35 ? "reads" : "refuses",
              message: `Piranha reads lines ${from}–${to} as one line: the carriage return ending line ${to} makes it end lines only at carriage returns, and line feeds before it do not count (unexpected arguments, or the lines are skipped as one comment). Save the file with LF line endings.`,
              fix: { range: [cr, crlf ? cr + 2 : cr + 1], text: "\n" },
            });
          }
          segStart = cr + 1;
        }
        if (skipped > 0) {
          const first = Math.min(text.indexOf("\r"), firstSkip);
          const lastCr = text.lastIndexOf("\r");
          const to = text.charCodeAt(lastCr + 1) === 10 ? lastCr + 2 : lastCr + 1;
          const lines = `${skipped} line${skipped === 1 ? " is" : "s are"} skipped without a word`;
          let message: string;
          if (text[firstSkip] !== "\r") {
            message = `This line starts with a line feed while a carriage return follows later in the file: Piranha reads it as empty, so ${lines}. Save the file with LF line endings.`;
          } else if (!/(^|[^\r])\n/.test(text)) {
            message = `The file has CRLF line endings: Piranha reads only its first line, skips the other ${skipped} without a word and reports success. Save the file with LF line endings.`;
          } else {
            message = `Line ${lineOf(firstSkip)} ends in CRLF: Piranha reads each line that starts with the line feed of a CRLF as empty, so ${lines}. Save the file with LF line endings.`;
          }
          ctx.report({
            start: firstSkip,
            end: firstSkip + 2,
            parser: "reads",
            message,
            fix: { range: [first, to], text: text.slice(first, to).replace(/\r\n?/g, "\n") },
          });
        }
      },
    };
  },
};
