import type { Rule } from "../types.ts";

export const crlfLineEndings: Rule = {
  meta: {
    id: "LVS1004",
    alias: "crlf-line-endings",
    severity: "error",
    description: "CRLF line endings, or a carriage return inside an LF file; Piranha then skips or joins lines.",
    fixable: true,
  },
  create(ctx) {
    return {
      file() {
        const { endings, text } = ctx.source;
        let lf = 0;
        let crlf = 0;
        let cr = 0;
        for (const e of endings) {
          if (e === "lf") lf++;
          else if (e === "crlf") crlf++;
          else if (e === "cr") cr++;
        }
        if (crlf > 0) {
          const first = endings.indexOf("crlf") + 1;
          const last = endings.lastIndexOf("crlf") + 1;
          const from = ctx.source.lineContentEnd(first);
          const to = ctx.source.lineContentEnd(last) + 2;
          // With a carriage return anywhere in the file Piranha ends lines only at carriage returns:
          // LF-ended lines before the first CRLF run into one line, and every line after a CRLF
          // starts with its line feed and reads as empty.
          const joined = endings.slice(0, first - 1).some((e) => e === "lf");
          const count = `${crlf} line${crlf === 1 ? " ends" : "s end"} in CRLF`;
          ctx.report({
            start: from,
            end: from + 2,
            message: joined
              ? `${count} in a file with LF line endings: Piranha then ends lines only at carriage returns, so the lines up to line ${first} run together into one line (unexpected arguments) and the lines after it are ignored. Save the file with LF line endings.`
              : `${count}: Piranha parses only the first line of such a file, ignores every other line and still reports success. Save the file with LF line endings.`,
            fix: { range: [from, to], text: text.slice(from, to).replace(/\r\n/g, "\n") },
          });
        }
        if (cr > 0 && (lf > 0 || crlf > 0)) {
          endings.forEach((e, i) => {
            if (e !== "cr") return;
            const at = ctx.source.lineContentEnd(i + 1);
            ctx.report({
              start: at,
              end: at + 1,
              message: "A lone carriage return in a file with LF line endings: Piranha treats every line up to it as one line (unexpected arguments). Replace it with a line feed.",
              fix: { range: [at, at + 1], text: "\n" },
            });
          });
        }
      },
    };
  },
};
