/**
 * JSON laid out for review: objects and arrays open one line per member down to `depth`, and
 * whatever lies deeper is one compact line, so that a change to one service of a large plan is
 * a one-line diff and the file stays a fraction of fully indented JSON.
 */
export function layeredJson(value: unknown, depth: number): string {
  return layer(value, depth, "") + "\n";
}

function layer(value: unknown, depth: number, indent: string): string {
  if (depth === 0 || value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items: string[] = [];
    // The indent goes in the separator: a string per item would be copied again by the join.
    for (const v of value) items.push(layer(v, depth - 1, inner));
    return `[\n${inner}${items.join(`,\n${inner}`)}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const members: string[] = [];
  for (const [k, v] of entries) members.push(`${inner}${JSON.stringify(k)}: ${layer(v, depth - 1, inner)}`);
  return `{\n${members.join(",\n")}\n${indent}}`;
}
