import { KEYWORDS } from "../../../grammar/index.ts";
import { formatIPv4, inetAton, isOctalOrHex, isShorthandAddress, parseCInt } from "../../model/values.ts";
import type { Rule } from "../types.ts";
import { assignedKeyword } from "./support/syntax.ts";

const NUMERIC = new Set(["int", "bool", "port"]);
const ADDRESS = new Set(["host", "ipv4", "netmask", "pmask", "hostDevice"]);
/** What each keyword (by id) holds: a number, an address, or neither. */
const OTHER = 0;
const NUMBER = 1;
const ADDR = 2;
const VALUE_TYPE = Uint8Array.from(KEYWORDS, (k) => (NUMERIC.has(k.kind) ? NUMBER : ADDRESS.has(k.kind) ? ADDR : OTHER));

export const octalOrHexNumber: Rule = {
  meta: {
    id: "LVS1013",
    alias: "octal-or-hex-number",
    severity: "warning",
    description: "A number or address part written with a leading 0 (octal) or 0x (hex), or an address in short form.",
    fixable: true,
    scope: "segment",
  },
  create(ctx) {
    return {
      statement(stmt) {
        const kw = assignedKeyword(stmt);
        if (!kw) return;
        const type = VALUE_TYPE[kw.id];
        if (type === OTHER) return;
        const w = stmt.values[0]!;
        if (type === NUMBER) {
          if (!isOctalOrHex(w.value)) return;
          const n = parseCInt(w.value);
          if (!n.ok) return;
          const decimal = /^[+-]?0[0-7]+$/.test(w.value) ? Number(w.value) : NaN;
          const octal = !Number.isNaN(decimal);
          ctx.report({
            start: w.start,
            end: w.end,
            severity: octal && decimal !== n.value ? "error" : "warning",
            message: `\`${w.value}\` is ${octal ? "octal" : "hexadecimal"}: Piranha reads ${n.value}${octal && decimal !== n.value ? `, not ${decimal}` : ""}. Write ${n.value} in decimal.`,
            fix: { range: [w.start, w.end], text: String(n.value) },
          });
        } else {
          if (!isShorthandAddress(w.value)) return;
          const n = inetAton(w.value);
          if (n === null) return;
          const dotted = formatIPv4(n);
          const leadingZero = /(^|\.)0[0-9]/.test(w.value) || /0[xX]/.test(w.value);
          // An error only where a part with a leading 0 reads as octal and so differs from what the
          // same digits mean in decimal (010 = 8); hex parts and 001 mean what they say.
          const differs = inetAton(w.value.replace(/(^|\.)0+(?=\d)/g, "$1")) !== n;
          const mask = kw.kind === "netmask" || kw.kind === "pmask";
          if (mask && !leadingZero) {
            // `24` or `255.255.255` as a netmask is almost surely meant as /24: no fix can know.
            ctx.report({
              start: w.start,
              end: w.end,
              severity: "error",
              message: `\`${w.value}\` is a short address form: Piranha reads the netmask ${dotted}, not a prefix length. Write the full mask, such as 255.255.255.0.`,
            });
            return;
          }
          ctx.report({
            start: w.start,
            end: w.end,
            severity: leadingZero && differs ? "error" : "warning",
            message: leadingZero
              ? `\`${w.value}\` has octal or hex parts: Piranha reads ${dotted}. Write ${dotted}.`
              : `\`${w.value}\` is a short address form: Piranha reads ${dotted}. Write all four parts.`,
            fix: { range: [w.start, w.end], text: dotted },
          });
        }
      },
    };
  },
};
