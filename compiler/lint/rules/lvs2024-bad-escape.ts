import type { Rule } from "../types.ts";
import { badEscapes } from "../../model/nanny.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { ValueOffsets } from "./support/check-values.ts";

const FIELDS = ["send", "expect"] as const;

export const badEscape: Rule = {
  meta: {
    id: "LVS2024",
    alias: "bad-escape",
    severity: "error",
    description: "A backslash sequence in `send` or `expect` other than \\\\ \\r \\n \\t \\' \\\": nanny hangs at start.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    const offsets = new ValueOffsets(ctx.source.text);
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        // With send_program nanny drops send before converting it; expect is converted either way.
        // In a regular expression (LVS2025) the escapes are reported with the regex advice.
        const regex = v.use_regex === 1 && v.send_program === null;
        for (const field of FIELDS) {
          if (field === "send" ? v.send_program !== null : regex) continue;
          const value = v[field];
          if (value === null) continue;
          for (const bad of badEscapes(value)) {
            const c = bad.text[1];
            const instead =
              c === undefined
                ? "Remove it, or write `\\\\` for a backslash."
                : `Write \`\\\\${c}\` for a backslash followed by \`${c}\`, or remove the backslash.`;
            const what = c === undefined ? `The backslash at the end of \`${field}\`` : `\`${bad.text}\` in \`${field}\``;
            ctx.report(
              offsets.report(
                v,
                field,
                bad.index,
                bad.index + bad.length,
                `${what} is not an escape nanny knows (\\\\ \\r \\n \\t \\' \\"): nanny loops forever on it at start, so this virtual's servers are never checked or added. ${instead}`,
              ),
            );
          }
        }
      },
    };
  },
};
