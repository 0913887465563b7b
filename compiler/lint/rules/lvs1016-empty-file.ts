import type { Rule } from "../types.ts";
import { AnyTopLevel } from "./support/syntax.ts";

export const emptyFile: Rule = {
  meta: {
    id: "LVS1016",
    alias: "empty-file",
    severity: "error",
    description: "An empty file (Piranha: Empty configuration), or one with no statement at all.",
    fixable: false,
    parser: "refuses",
    scope: "document",
  },
  create(ctx) {
    const items = new AnyTopLevel();
    return {
      topLevel: items.visit,
      fileExit() {
        if (ctx.source.text.length === 0) {
          ctx.report({ start: 0, end: 0, message: "The file is empty: Piranha refuses it (Empty configuration)." });
        } else if (!items.seen) {
          ctx.report({
            start: 0,
            end: 0,
            severity: "warning",
            parser: "reads",
            message: "The file holds no statement, only blanks or comments: Piranha reads an empty configuration and pulse refuses to start (no active lvs services).",
          });
        }
      },
    };
  },
};
