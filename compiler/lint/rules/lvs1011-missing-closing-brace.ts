import type { Block, BlockItem, TopItem } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { blockLabel } from "./util.ts";

export const missingClosingBrace: Rule = {
  meta: {
    id: "LVS1011",
    alias: "missing-closing-brace",
    severity: "error",
    description: "A block without its `}`. Piranha accepts that only at the end of the file; anywhere else it rejects the next block.",
    fixable: true,
  },
  create(ctx) {
    const text = ctx.source.text;
    /** The item after `block` at its own level or above, if any. */
    const following = new Map<Block, TopItem | BlockItem | null>();
    const index = (items: ReadonlyArray<TopItem | BlockItem>, after: TopItem | BlockItem | null): void => {
      items.forEach((item, i) => {
        if (item.kind !== "block") return;
        const next = items[i + 1] ?? after;
        following.set(item, next);
        index(item.items, next);
      });
    };
    return {
      file(file) {
        index(file.items, null);
      },
      block(block) {
        if (block.close) return;
        const next = following.get(block) ?? null;
        if (next) {
          ctx.report({
            start: next.start,
            end: next.start + (next.kind === "block" ? next.keyword.end - next.keyword.start : 1),
            message: `${blockLabel(block)} (line ${block.line}) is not closed: a \`}\` is missing before this line, and Piranha rejects it (unknown command).`,
          });
        } else {
          // One fix closes the outermost open block and the open server inside it.
          const parentOpen = block.level !== "global" && block.close === null && [...following.keys()].some((b) => b.items.includes(block) && !b.close);
          const innerOpen = block.items.find((i): i is Block => i.kind === "block" && !i.close && !following.get(i));
          const atEnd = text.length;
          const newline = text.length > 0 && !/[\r\n]$/.test(text) ? "\n" : "";
          // Piranha accepts a block left open at the end of the file, so this is only a warning.
          ctx.report({
            start: block.keyword.start,
            end: block.keyword.end,
            severity: "warning",
            message: `${blockLabel(block)} is never closed. Piranha accepts a missing \`}\` at the end of the file, but any block added after it would be rejected. Add \`}\`.`,
            ...(parentOpen ? {} : { fix: { range: [atEnd, atEnd], text: `${newline}${innerOpen ? "     }\n" : ""}}\n` } }),
          });
        }
      },
    };
  },
};
