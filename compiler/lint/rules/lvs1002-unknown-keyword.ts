import { CONFUSABLE_WORDS, KEYWORD_NAMES, keywordAt, keywordSpelled, keywordsAt, levelsOf, NOT_KEYWORDS, type Level } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { editDistance } from "./support/messages.ts";
import { LEVEL_NAMES } from "./support/syntax.ts";

/** Where a keyword belongs, for a message: "" at `level`, else " (it belongs inside a server block)". */
function placeOf(name: string, level: Level): string {
  if (keywordAt(level, name)) return "";
  const levels = levelsOf(name);
  return levels.length ? ` (it belongs ${levels.map((l) => LEVEL_NAMES[l]).join(" or ")})` : "";
}

/**
 * What the author most likely meant: `a-b` typed for `a = b`, a word other tools use for a
 * keyword, or the keyword nearest in spelling (at this level first, then at any level).
 */
function suggestion(name: string, level: Level): string {
  const lower = name.toLowerCase();
  const dash = lower.indexOf("-");
  if (dash > 0 && keywordAt(level, lower.slice(0, dash))) return ` Did you mean \`${lower.slice(0, dash)} = ${name.slice(dash + 1)}\`? A \`-\` stands where \` = \` belongs.`;
  const meant = CONFUSABLE_WORDS[lower];
  if (meant && Object.hasOwn(CONFUSABLE_WORDS, lower)) {
    const best = meant.find((k) => keywordAt(level, k)) ?? meant[0]!;
    return ` Did you mean \`${best}\`${placeOf(best, level)}?`;
  }
  let best: string | undefined;
  let bestDistance = 3;
  for (const pass of [keywordsAt(level).map((k) => k.name), KEYWORD_NAMES]) {
    for (const k of pass) {
      const d = editDistance(lower, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best) break;
  }
  return best ? ` Did you mean \`${best}\`${placeOf(best, level)}?` : "";
}

export const unknownKeyword: Rule = {
  meta: {
    id: "LVS1002",
    alias: "unknown-keyword",
    severity: "error",
    description: "A keyword Piranha does not know, or one used at a level where it is not accepted.",
    fixable: false,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    const check = (name: string, level: Level, start: number, end: number): void => {
      if (keywordAt(level, name) || keywordAt(level, name.toLowerCase())) return;
      const elsewhere = levelsOf(name.toLowerCase()).filter((l) => l !== level);
      let why: string;
      if (elsewhere.length > 0) {
        why = `\`${name}\` is not accepted ${LEVEL_NAMES[level]}; it belongs ${elsewhere.map((l) => LEVEL_NAMES[l]).join(" or ")}.`;
      } else if (NOT_KEYWORDS[name.toLowerCase()]) {
        why = `Unknown command \`${name}\`: ${NOT_KEYWORDS[name.toLowerCase()]}.`;
      } else {
        why = `Unknown command \`${name}\` ${LEVEL_NAMES[level]}.${suggestion(name, level)}`;
      }
      ctx.report({ start, end, message: `${why} Piranha rejects the whole file here.` });
    };
    return {
      unusualStatement(stmt) {
        const key = stmt.key;
        if (!key || key.quote || stmt.keyword) return;
        const isBlockWord = ["virtual", "failover", "server"].includes(key.value.toLowerCase());
        if (isBlockWord && stmt.equalsAt >= 0) return;
        check(key.value, stmt.level, key.start, key.end);
      },
      block(block) {
        const word = block.keyword;
        // The usual case, told without taking the word out of the text.
        if (keywordSpelled(block.level, ctx.source.text, word.start, word.end)) return;
        check(word.value, block.level, word.start, word.end);
      },
    };
  },
};
