/**
 * JSON laid out for review: objects and arrays open one line per member down to `depth`, and
 * whatever lies deeper is one compact line, so that a change to one service of a large plan is
 * a one-line diff and the file stays a fraction of fully indented JSON. In pieces, to be encoded
 * one after another: a large plan is never joined whole.
 */
export function layeredJsonPieces(value: unknown, depth: number): string[] {
  const out: string[] = [];
  layer(value, depth, "", out);
  out.push("\n");
  return out;
}

/**
 * `layeredJsonPieces` of an object, cut before the value of its last member: `head()` makes the
 * text up to that value, `body()` the value and the object's end. The two are made apart: a
 * manifest's head lists the hashes of every other file, its plan (the bulk) does not.
 */
export function layeredJsonSplit(value: object, depth: number): { head(): string[]; body(): string[] } {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return { head: () => [], body: () => ["{}", "\n"] };
  return {
    head() {
      const out: string[] = [];
      for (let i = 0; i < entries.length; i++) {
        const [k, v] = entries[i]!;
        out.push(`${i === 0 ? "{\n" : ",\n"}  ${JSON.stringify(k)}: `);
        if (i < entries.length - 1) layer(v, depth - 1, "  ", out);
      }
      return out;
    },
    body() {
      const out: string[] = [];
      layer(entries[entries.length - 1]![1], depth - 1, "  ", out);
      out.push("\n}", "\n");
      return out;
    },
  };
}

function layer(value: unknown, depth: number, indent: string, out: string[]): void {
  if (depth === 0 || value === null || typeof value !== "object") {
    out.push(JSON.stringify(value));
    return;
  }
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push("[]");
    out.push(`[\n${inner}`);
    if (depth === 1) compactItems(value, inner, out);
    else {
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out.push(`,\n${inner}`);
        layer(value[i], depth - 1, inner, out);
      }
    }
    out.push(`\n${indent}]`);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return void out.push("{}");
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    out.push(`${i === 0 ? "{\n" : ",\n"}${inner}${JSON.stringify(k)}: `);
    layer(v, depth - 1, inner, out);
  }
  out.push(`\n${indent}}`);
}

/**
 * An array's items, each compact, a line each. An array of objects is serialised in one call
 * (a call per item costs more than the JSON itself) and broken before each object that opens
 * with the first object's first member. A break there lies between tokens, never inside a
 * string (where a `"` is escaped), so the JSON means the same whatever the items hold: an
 * object that opens otherwise only stays on the line before.
 */
function compactItems(items: readonly unknown[], inner: string, out: string[]): void {
  const first = items[0];
  const key = first !== null && typeof first === "object" && !Array.isArray(first) ? Object.entries(first).find(([, v]) => v !== undefined)?.[0] : undefined;
  if (key === undefined) {
    out.push(items.map((v) => JSON.stringify(v)).join(`,\n${inner}`));
    return;
  }
  // The JSON in slices, one per item (a slice takes no copy), and a line break between them.
  const json = JSON.stringify(items);
  const boundary = `},{${JSON.stringify(key)}:`;
  const separator = `,\n${inner}`;
  let from = 1;
  for (let at = json.indexOf(boundary, from); at >= 0; at = json.indexOf(boundary, from)) {
    out.push(json.slice(from, at + 1), separator);
    from = at + 2;
  }
  out.push(json.slice(from, json.length - 1));
}
