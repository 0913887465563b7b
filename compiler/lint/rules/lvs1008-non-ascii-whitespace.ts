import { ODD_BLANK_CHARS } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";

const NAMES: Record<string, string> = {
  "\u00a0": "NO-BREAK SPACE",
  "\u3000": "IDEOGRAPHIC SPACE",
  "\u200b": "ZERO WIDTH SPACE",
  "\ufeff": "BYTE ORDER MARK",
  "\u000b": "VERTICAL TAB",
  "\u000c": "FORM FEED",
  "\u202f": "NARROW NO-BREAK SPACE",
};

function describe(ch: string): string {
  const code = "U+" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return NAMES[ch] ? `${code} ${NAMES[ch]}` : code;
}

const ODD_RUN = new RegExp(`[${ODD_BLANK_CHARS}]+`, "g");
/** Whether a text has one at all: asked first, as almost no value has. */
const ODD_ANY = new RegExp(`[${ODD_BLANK_CHARS}]`);

export const nonAsciiWhitespace: Rule = {
  meta: {
    id: "LVS1008",
    alias: "non-ascii-whitespace",
    severity: "error",
    description: "A blank other than space or TAB (U+00A0, U+3000, a byte order mark …); Piranha reads it as part of a word.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    return {
      fileExit(facts) {
        for (const [start, end] of facts.oddBlanks) {
          const ch = text[start]!;
          const isBom = start === 0 && ch === "\ufeff" && end === 1;
          ctx.report({
            start,
            end,
            message: `${describe(ch)} is not a blank for Piranha: it becomes part of the neighbouring word${isBom ? " (a byte order mark at the start of the file makes the first keyword unknown)" : ""}. ${isBom ? "Remove it" : "Replace it with a space"}.`,
            fix: { range: [start, end], text: isBom ? "" : " ".repeat(end - start) },
          });
        }
      },
      unusualStatement(stmt) {
        for (const v of stmt.values) {
          if (!v.quote) continue;
          const body = text.slice(v.start, v.end);
          if (!ODD_ANY.test(body)) continue;
          for (const m of body.matchAll(ODD_RUN)) {
            const start = v.start + m.index;
            ctx.report({
              start,
              end: start + m[0].length,
              parser: "reads",
              message: `${describe(m[0][0]!)} inside a quoted value is sent as is: nanny and pulse split commands only at spaces, and a check string would contain this byte sequence. Replace it with a space.`,
              fix: { range: [start, start + m[0].length], text: " ".repeat(m[0].length) },
            });
          }
        }
      },
    };
  },
};
