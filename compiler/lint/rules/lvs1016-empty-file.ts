import type { Rule } from "../types.ts";

export const emptyFile: Rule = {
  meta: {
    id: "LVS1016",
    alias: "empty-file",
    severity: "error",
    description: "An empty file (Piranha: Empty configuration), or one with no statement at all.",
    fixable: false,
  },
  create(ctx) {
    let items = 0;
    const count = (_: unknown, parent: unknown): void => {
      if (parent === null) items++;
    };
    return {
      statement: count,
      block: count,
      stray: count,
      fileExit() {
        if (ctx.source.text.length === 0) {
          ctx.report({ start: 0, end: 0, message: "The file is empty: Piranha refuses it (Empty configuration)." });
        } else if (items === 0) {
          ctx.report({
            start: 0,
            end: 0,
            severity: "warning",
            message: "The file holds no statement, only blanks or comments: Piranha reads an empty configuration and pulse refuses to start (no active lvs services).",
          });
        }
      },
    };
  },
};
