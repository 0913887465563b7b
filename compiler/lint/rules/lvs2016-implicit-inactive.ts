import type { Block } from "../../../grammar/index.ts";
import type { Fix, Rule } from "../types.ts";
import { label } from "./support/messages.ts";
import { indentAt } from "./support/syntax.ts";

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fix: Fix | undefined;
}

/** Whether a block sets `active` (whatever its value or letter case; other rules judge those). */
function setsActive(block: Block): boolean {
  return block.items.some((i) => i.kind === "statement" && i.keyword?.name === "active" && i.equalsAt >= 0);
}

export const implicitInactive: Rule = {
  meta: {
    id: "LVS2016",
    alias: "implicit-inactive",
    severity: "warning",
    description: "A virtual or real server without an `active` line, which Piranha reads as `active = 0`.",
    fixable: true,
    scope: "segment",
  },
  create(ctx) {
    const source = ctx.source;
    const text = source.text;
    const candidates: Candidate[] = [];

    /** An `active = 0` line right after the opener line, indented like the block's statements. */
    const fixFor = (block: Block): Fix | undefined => {
      if (block.braceAt < 0) return undefined;
      const line = source.lineOf(block.braceAt);
      const firstStatement = block.items.find((i) => i.kind === "statement");
      const indent = firstStatement
        ? indentAt(text, source.lineStart(firstStatement.line))
        : block.blockType === "server"
          ? " ".repeat(9)
          : " ".repeat(5);
      const ending = source.endings[line - 1];
      const eol = ending === "crlf" ? "\r\n" : ending === "cr" ? "\r" : "\n";
      if (line < source.lineCount) {
        const at = source.lineStart(line + 1);
        return { range: [at, at], text: `${indent}active = 0${eol}` };
      }
      return { range: [text.length, text.length], text: `\n${indent}active = 0\n` };
    };

    const add = (block: Block, message: string): void => {
      const last = block.names[block.names.length - 1] ?? block.keyword;
      const end = block.braceAt >= 0 && !block.braceOnOwnLine ? block.braceAt + 1 : last.end;
      candidates.push({ start: block.keyword.start, end, message, fix: fixFor(block) });
    };

    return {
      block(block, parent) {
        if (parent === null && block.blockType === "virtual") {
          if (!setsActive(block))
            add(
              block,
              `${label(block)} has no \`active\` line, so Piranha reads \`active = 0\`: lvsd never creates this service and pulse never brings its VIP up. Write \`active = 1\` to run it, or \`active = 0\` if it is off on purpose.`,
            );
        } else if (parent !== null && parent.blockType === "virtual" && block.blockType === "server") {
          if (!setsActive(block))
            add(
              block,
              `${label(block)} has no \`active\` line, so Piranha reads \`active = 0\`: no health check runs for it and it never receives traffic. Write \`active = 1\` to use it, or \`active = 0\` if it is off on purpose.`,
            );
        }
      },
      fileExit() {
        // With `service = fos` pulse runs failover services and ignores every virtual block.
        if (ctx.model.global.service !== "lvs") return;
        for (const c of candidates) ctx.report({ start: c.start, end: c.end, message: c.message, ...(c.fix ? { fix: c.fix } : {}) });
      },
    };
  },
};
