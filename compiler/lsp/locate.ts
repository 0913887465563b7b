/** Finding what stands at an offset of a segment: the word under the cursor, the level a new line would be at. */
import type { Block, BlockItem, Level, Statement, TopItem, Word } from "../../grammar/index.ts";
import type { Segment } from "./segments.ts";

type Item = TopItem | BlockItem;

export type WordAt =
  | { readonly role: "key"; readonly word: Word; readonly statement: Statement }
  | { readonly role: "value"; readonly word: Word; readonly statement: Statement; readonly index: number }
  | { readonly role: "block"; readonly word: Word; readonly block: Block }
  | { readonly role: "name"; readonly word: Word; readonly block: Block };

/** The word holds `at`, or ends right at it (a cursor just after a word is on that word). */
const within = (word: Word | null | undefined, at: number): word is Word => !!word && word.start <= at && at <= word.end;

/** The word at offset `at` (relative to the segment), with what it is. */
export function wordAt(segment: Segment, at: number): WordAt | null {
  const search = (items: readonly Item[]): WordAt | null => {
    for (const item of items) {
      if (at < item.start || at > item.end) continue;
      if (item.kind === "statement") {
        if (within(item.key, at)) return { role: "key", word: item.key, statement: item };
        const index = item.values.findIndex((v) => within(v, at));
        if (index >= 0) return { role: "value", word: item.values[index]!, statement: item, index };
      } else if (item.kind === "block") {
        if (within(item.keyword, at)) return { role: "block", word: item.keyword, block: item };
        const name = item.names.find((n) => within(n, at));
        if (name) return { role: "name", word: name, block: item };
        const inner = search(item.items);
        if (inner) return inner;
      }
    }
    return null;
  };
  return search(segment.items);
}

/** The statement on the line holding offset `at`, if any. */
export function statementAt(segment: Segment, at: number): Statement | null {
  const file = segment.file;
  const line = file.source.lineOf(at);
  const search = (items: readonly Item[]): Statement | null => {
    for (const item of items) {
      if (item.kind === "statement" && item.line === line) return item;
      if (item.kind === "block" && item.start <= at && at <= item.end) {
        const inner = search(item.items);
        if (inner) return inner;
      }
    }
    return null;
  };
  return search(file.items);
}

/**
 * The level a statement written at offset `at` would stand at: inside the innermost block
 * whose body holds `at` (after its opener line, up to its `}`, or for a block without one up
 * to the next item or the end of the enclosing body).
 */
export function levelAt(segment: Segment, at: number): Level {
  const file = segment.file;
  const source = file.source;
  const search = (items: readonly Item[], level: Level, limit: number): Level => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind !== "block") continue;
      const headerLine = item.braceOnOwnLine ? source.lineOf(item.braceAt) : item.line;
      const headerEnd = source.lineContentEnd(headerLine);
      const bodyEnd = item.close ? item.close.start : (items[i + 1]?.start ?? limit);
      if (at > headerEnd && at <= bodyEnd) return search(item.items, item.bodyLevel, bodyEnd);
    }
    return level;
  };
  return search(file.items, "global", segment.text.length);
}
