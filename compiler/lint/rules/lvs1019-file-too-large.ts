import type { Rule } from "../types.ts";

const MIB = 1024 * 1024;
/** Piranha reads the file onto its stack; the default stack limit is 8 MiB. */
export const STACK_LIMIT = 8 * MIB;
export const WARN_FROM = 4 * MIB;

export const fileTooLarge: Rule = {
  meta: {
    id: "LVS1019",
    alias: "file-too-large",
    severity: "warning",
    description: "A file so large that Piranha's parser crawls (from 4 MiB) or crashes (from 8 MiB).",
    fixable: false,
    scope: "document",
  },
  create(ctx) {
    return {
      start() {
        const bytes = Buffer.byteLength(ctx.source.text, "utf8");
        if (bytes < WARN_FROM) return;
        const mib = (bytes / MIB).toFixed(1);
        ctx.report({
          start: 0,
          end: 0,
          severity: bytes >= STACK_LIMIT ? "error" : "warning",
          parser: bytes >= STACK_LIMIT ? "refuses" : "reads",
          message:
            bytes >= STACK_LIMIT
              ? `The file is ${mib} MiB: Piranha copies it onto its stack and crashes past the 8 MiB stack limit. Split services across directors or trim the file.`
              : `The file is ${mib} MiB: Piranha's parse time grows with the square of the size (minutes at this size) and it crashes from 8 MiB.`,
        });
      },
    };
  },
};
