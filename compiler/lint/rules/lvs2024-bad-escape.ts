import type { Rule } from "../types.ts";
import { lvsVirtuals, ValueOffsets } from "./semantic-2014_2026-util.ts";
import { convertEscapes } from "../../model/nanny.ts";

export const badEscape: Rule = {
  meta: {
    id: "LVS2024",
    alias: "bad-escape",
    severity: "error",
    description: "A backslash sequence in `send` or `expect` other than \\\\ \\r \\n \\t \\' \\\": nanny hangs at start.",
    fixable: false,
  },
  create(ctx) {
    const offsets = new ValueOffsets(ctx.source.text);
    return {
      fileExit() {
        for (const v of lvsVirtuals(ctx.model)) {
          // With send_program nanny drops send before converting it; expect is converted either way.
          // In a regular expression (LVS2025) the escapes are reported with the regex advice.
          const regex = v.use_regex === 1 && v.send_program === null;
          const fields = [...(v.send_program === null ? (["send"] as const) : []), ...(regex ? [] : (["expect"] as const))];
          for (const field of fields) {
            const value = v[field];
            // Without a backslash there is no escape at all.
            if (value === null || !value.includes("\\")) continue;
            for (const bad of convertEscapes(value).bad) {
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
        }
      },
    };
  },
};
