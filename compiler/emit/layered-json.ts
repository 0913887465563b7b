/**
 * JSON laid out for review: objects and arrays open one line per member down to `depth`, and
 * whatever lies deeper is one compact line, so that a change to one service of a large plan is
 * a one-line diff and the file stays a fraction of fully indented JSON. In pieces, made as they
 * are asked for: a large plan is never one string.
 */

/**
 * The layered JSON of an object, cut before the value of its last member: `head()` makes the
 * text up to that value, `body()` the value and the object's end. The two are made apart: a
 * manifest's head lists the hashes of every other file, its plan (the bulk) does not.
 */
export function layeredJsonSplit(value: object, depth: number): { head(): string[]; body(): Iterable<string> } {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return { head: () => [], body: () => ["{}", "\n"] };
  return {
    head() {
      const out: string[] = [];
      for (let i = 0; i < entries.length; i++) {
        const [k, v] = entries[i]!;
        out.push(`${i === 0 ? "{\n" : ",\n"}  ${JSON.stringify(k)}: `);
        if (i < entries.length - 1) out.push(...layer(v, depth - 1, "  "));
      }
      return out;
    },
    *body() {
      yield* layer(entries[entries.length - 1]![1], depth - 1, "  ");
      yield "\n}";
      yield "\n";
    },
  };
}

function* layer(value: unknown, depth: number, indent: string): Generator<string, void, undefined> {
  if (depth === 0 || value === null || typeof value !== "object") {
    yield JSON.stringify(value);
    return;
  }
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield "[]");
    yield `[\n${inner}`;
    if (depth === 1) yield* compactItems(value, inner);
    else {
      for (let i = 0; i < value.length; i++) {
        if (i > 0) yield `,\n${inner}`;
        yield* layer(value[i], depth - 1, inner);
      }
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return void (yield "{}");
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    yield `${i === 0 ? "{\n" : ",\n"}${inner}${JSON.stringify(k)}: `;
    yield* layer(v, depth - 1, inner);
  }
  yield `\n${indent}}`;
}

/** Items serialised per call: few enough that their JSON is short-lived, many enough that the calls cost nothing. */
const ITEMS_PER_CALL = 64;

/**
 * An array's items, each compact, a line each. Objects are serialised a run of them per call
 * (a call per item costs more than the JSON itself) and broken before each object that opens
 * with the first object's first member. A break there lies between tokens, never inside a
 * string (where a `"` is escaped), so the JSON means the same whatever the items hold: an
 * object that opens otherwise only stays on the line before.
 */
function* compactItems(items: readonly unknown[], inner: string): Generator<string, void, undefined> {
  const first = items[0];
  const key = first !== null && typeof first === "object" && !Array.isArray(first) ? Object.entries(first).find(([, v]) => v !== undefined)?.[0] : undefined;
  const separator = `,\n${inner}`;
  if (key === undefined) {
    for (let i = 0; i < items.length; i++) {
      if (i > 0) yield separator;
      yield JSON.stringify(items[i]);
    }
    return;
  }
  const member = `{${JSON.stringify(key)}:`;
  const boundary = `},${member}`;
  // A replacement string reads `$` as the start of a pattern: `$$` stands for one.
  const broken = `}${separator}${member}`.replaceAll("$", "$$$$");
  for (let run = 0; run < items.length; run += ITEMS_PER_CALL) {
    // The run's JSON, without its brackets, with a line break before each item that opens with the member.
    const json = JSON.stringify(items.slice(run, run + ITEMS_PER_CALL));
    if (run > 0) yield json.startsWith(member, 1) ? separator : ",";
    yield json.slice(1, -1).replaceAll(boundary, broken);
  }
}
