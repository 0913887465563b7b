import { KEYWORDS, type Statement } from "../../../grammar/index.ts";
import type { Rule, RuleContext } from "../types.ts";
import { exactKeyword } from "./support/syntax.ts";

/**
 * Reports a keyword set again within one scope (the top level, or one block). One scope is
 * reused for every block of a kind: `clear` starts a new epoch instead of allocating.
 */
class Scope {
  private readonly last: Array<Statement | undefined> = new Array(KEYWORDS.length);
  private readonly epochOf = new Uint32Array(KEYWORDS.length);
  private epoch = 1;
  constructor(private readonly ctx: RuleContext) {}

  clear(): void {
    this.epoch++;
  }

  add(stmt: Statement): void {
    if (stmt.equalsAt < 0) return;
    const kw = exactKeyword(stmt);
    if (!kw) return;
    const i = kw.id;
    const earlier = this.epochOf[i] === this.epoch ? this.last[i] : undefined;
    this.last[i] = stmt;
    this.epochOf[i] = this.epoch;
    if (!earlier) return;
    const text = this.ctx.source.text;
    const valueText = (s: Statement): string => (s.values.length ? text.slice(s.values[0]!.start, s.values[s.values.length - 1]!.end) : "");
    const same = valueText(earlier) === valueText(stmt);
    this.ctx.report({
      start: stmt.key!.start,
      end: stmt.key!.end,
      severity: same ? "info" : "warning",
      message: same
        ? `\`${kw.name}\` is set again to the same value as on line ${earlier.line}. Remove one of them.`
        : `\`${kw.name}\` is set again (line ${earlier.line} set \`${valueText(earlier)}\`): Piranha keeps this last value, \`${valueText(stmt)}\`. Remove the line that is wrong.`,
    });
  }
}

export const duplicateKey: Rule = {
  meta: {
    id: "LVS1015",
    alias: "duplicate-key",
    severity: "warning",
    description: "A keyword set twice in one block; Piranha keeps the last value.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    // A server block stands inside a virtual one: the virtual's statements after it are still in its scope.
    const top = new Scope(ctx);
    const inVirtual = new Scope(ctx);
    const inServer = new Scope(ctx);
    return {
      block(block) {
        (block.bodyLevel === "server" ? inServer : inVirtual).clear();
      },
      statement(stmt) {
        (stmt.level === "global" ? top : stmt.level === "server" ? inServer : inVirtual).add(stmt);
      },
    };
  },
};
