import type { Rule } from "../types.ts";
import { indentAt } from "./support/syntax.ts";

export const inlineComment: Rule = {
  meta: {
    id: "LVS1003",
    alias: "inline-comment",
    severity: "error",
    description: "A `#` comment after a statement on the same line; Piranha reads it as extra arguments.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    const report = (ownerStart: number, comment: { start: number; end: number }): void => {
      const lineStart = ctx.source.lineStart(ctx.source.lineOf(ownerStart));
      const indent = indentAt(text, lineStart);
      const body = text.slice(ownerStart, comment.start).trimEnd();
      const commentText = text.slice(comment.start, comment.end).trimEnd();
      ctx.report({
        start: comment.start,
        end: comment.start + commentText.length,
        message: "Comment after a statement: Piranha has no inline comments and reads it as extra arguments (unexpected arguments). Move it to a line of its own.",
        fix: { range: [lineStart, comment.end], text: `${indent}${commentText}\n${indent}${body}` },
      });
    };
    return {
      unusualStatement(stmt) {
        if (stmt.comment) report(stmt.start, stmt.comment);
      },
      block(block) {
        if (block.comment) report(block.start, block.comment);
      },
    };
  },
};
