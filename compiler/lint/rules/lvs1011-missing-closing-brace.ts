import type { Block, Statement, Stray } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { label } from "./support/messages.ts";

export const missingClosingBrace: Rule = {
  meta: {
    id: "LVS1011",
    alias: "missing-closing-brace",
    severity: "error",
    description: "A block without its `}`. Piranha accepts that only at the end of the file; anywhere else it rejects the next block.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    /** Blocks without `}`, waiting for the first node after them; with the block they stand in. */
    let open: Array<{ block: Block; parent: Block | null }> = [];
    const next = (node: Block | Statement | Stray): void => {
      if (open.length === 0) return;
      const still: typeof open = [];
      for (const o of open) {
        if (node.start < o.block.end) {
          still.push(o);
          continue;
        }
        ctx.report({
          start: node.start,
          end: node.start + (node.kind === "block" ? node.keyword.end - node.keyword.start : 1),
          message: `${label(o.block)} (line ${o.block.line}) is not closed: a \`}\` is missing before this line, and Piranha rejects it (unknown command).`,
        });
      }
      open = still;
    };
    return {
      statement: next,
      stray: next,
      block(block, parent) {
        next(block);
        if (!block.close) open.push({ block, parent });
      },
      fileExit() {
        const atEnd = text.length;
        const newline = text.length > 0 && !/[\r\n]$/.test(text) ? "\n" : "";
        for (const { block, parent } of open) {
          // One fix closes the outermost open block and the open server inside it.
          const parentOpen = parent !== null && open.some((o) => o.block === parent);
          const innerOpen = open.some((o) => o.parent === block);
          // Piranha accepts a block left open at the end of the file, so this is only a warning.
          ctx.report({
            start: block.keyword.start,
            end: block.keyword.end,
            severity: "warning",
            parser: "reads",
            message: `${label(block)} is never closed. Piranha accepts a missing \`}\` at the end of the file, but any block added after it would be rejected. Add \`}\`.`,
            ...(parentOpen ? {} : { fix: { range: [atEnd, atEnd], text: `${newline}${innerOpen ? "     }\n" : ""}}\n` } }),
          });
        }
      },
    };
  },
};
