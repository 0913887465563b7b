import type { Rule } from "../types.ts";
import { label } from "./support/messages.ts";

export const wrongArity: Rule = {
  meta: {
    id: "LVS1017",
    alias: "wrong-arity",
    severity: "error",
    description: "Too few or too many values: `address` without a device, extra words, a block without a name.",
    fixable: false,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const text = ctx.source.text;
    return {
      unusualStatement(stmt) {
        if (!stmt.key || stmt.equalsAt < 0) return;
        const kw = stmt.keyword;
        if (!kw || kw.kind === "block" || kw.arity < 0) return;
        const n = stmt.values.length;
        if (n === kw.arity) return;
        if (n < kw.arity) {
          const missing =
            kw.kind === "hostDevice"
              ? n === 0
                ? `\`${kw.name}\` needs an address and a device: \`${kw.name} = 192.168.1.10 eth0:1\``
                : `\`${kw.name}\` needs a device after the address, such as \`eth0:1\``
              : `\`${kw.name}\` needs a value`;
          ctx.report({ start: stmt.key.start, end: stmt.end, message: `${missing} (missing arguments).` });
          return;
        }
        const extra = stmt.values.slice(kw.arity);
        const from = extra[0]!.start;
        const to = extra[extra.length - 1]!.end;
        const hint = kw.kind === "string" ? " Quote the value if it contains blanks." : "";
        ctx.report({
          start: from,
          end: to,
          message: `\`${kw.name}\` takes ${kw.arity === 1 ? "one value" : `${kw.arity} values`}; \`${text.slice(from, to)}\` is extra (unexpected arguments).${hint}`,
        });
      },
      block(block) {
        const names = block.names;
        if (names.length === 0) {
          ctx.report({
            start: block.keyword.start,
            end: block.keyword.end,
            message: `\`${block.blockType}\` needs a name: \`${block.blockType} NAME {\` (missing arguments).`,
          });
        } else if (names.length > 1) {
          const from = names[1]!.start;
          const to = names[names.length - 1]!.end;
          ctx.report({
            start: from,
            end: to,
            message: `${label(block)} has more than one name; \`${text.slice(from, to)}\` is extra (unexpected arguments). Quote a name with blanks.`,
          });
        }
        if (block.afterBrace.length > 0) {
          const from = block.afterBrace[0]!.start;
          const to = block.afterBrace[block.afterBrace.length - 1]!.end;
          ctx.report({
            start: from,
            end: to,
            message: `\`${text.slice(from, to)}\` after \`{\` is extra (unexpected arguments): start the block's statements on the next line.`,
          });
        }
      },
    };
  },
};
