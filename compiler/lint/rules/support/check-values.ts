/** Where characters of a check value (send, expect, send_program) stand in the file. */
import { isOddBlank } from "../../../../grammar/index.ts";
import type { ModelVirtual } from "../../../model/resolve.ts";
import type { Report, Severity } from "../../types.ts";
import { fieldSpan, spanFor } from "./fields.ts";

/**
 * Where characters of a send/expect/send_program value stand in the file. Piranha keeps single
 * quotes and lvsd strips a leading and a trailing double quote, so character i of the value nanny
 * gets stands at `base + i`, where base is the value's first character after an opening `"`.
 */
export class ValueOffsets {
  constructor(private readonly text: string) {}

  /** Where the value of the statement spanning [start, end) begins, skipping `=`, blanks and a `"`. */
  private base(start: number, end: number): number | null {
    const t = this.text;
    let i = t.indexOf("=", start);
    if (i < 0 || i >= end) return null;
    i++;
    while (i < end && (t[i] === " " || t[i] === "\t" || isOddBlank(t.charCodeAt(i)))) i++;
    if (i >= end) return null;
    return t[i] === '"' ? i + 1 : i;
  }

  /** The file offset of character `index` of the value of `field`; null when it cannot be placed. */
  offset(v: ModelVirtual, field: "send" | "expect" | "send_program", index: number): number | null {
    const span = fieldSpan(v, field);
    if (!span) return null;
    const base = this.base(span.start, span.end);
    return base === null ? null : base + index;
  }

  /** A report on characters [from, to) of a value, or on its whole statement when they cannot be placed. */
  report(v: ModelVirtual, field: "send" | "expect" | "send_program", from: number, to: number, message: string, severity?: Severity): Report {
    const a = this.offset(v, field, from);
    const span = spanFor(v, field);
    const extra = severity ? { severity } : {};
    if (a === null || a < span.start || a + (to - from) > span.end) return { start: span.start, end: span.end, message, ...extra };
    return { start: a, end: a + (to - from), message, ...extra };
  }
}
