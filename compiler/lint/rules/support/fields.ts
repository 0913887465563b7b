/** Where in the file a field of the resolved configuration was set, and reports placed there. */
import { modelOrigin, type ModelGlobal, type ModelServer, type ModelVirtual, type SourceSpan } from "../../../model/resolve.ts";
import type { Report } from "../../types.ts";

type ModelObject = ModelGlobal | ModelVirtual | ModelServer;

/** The span of the statement that set `field` of a model object, if the file set it. */
export function fieldSpan(obj: ModelObject, field: string): SourceSpan | undefined {
  return modelOrigin(obj).span(field);
}

/** Where the statement that set `field` starts, if the file set it (for ordering, without a span). */
export function fieldStart(obj: ModelObject, field: string): number | undefined {
  return modelOrigin(obj).startOf(field);
}

/** Whether the file set `field` of a virtual, server or the global section. */
export function isSet(obj: ModelObject, field: string): boolean {
  return modelOrigin(obj).has(field);
}

/** The opener line of a virtual or server block (`virtual NAME {`). */
export function openerSpan(obj: ModelVirtual | ModelServer): SourceSpan {
  return modelOrigin(obj).opener!;
}

/** Where to report something about `field` of `obj`: its statement, else the block's opener, else the start of the file. */
export function spanFor(obj: ModelObject, field: string): SourceSpan {
  return fieldSpan(obj, field) ?? modelOrigin(obj).opener ?? { start: 0, end: 0, line: 1 };
}

/** A span's statement, or `fallback` when the file did not set the field. */
export function spanOr(obj: ModelObject, field: string, fallback: SourceSpan): SourceSpan {
  return fieldSpan(obj, field) ?? fallback;
}

/** A report at a span. */
export function at(span: SourceSpan, message: string, extra: Partial<Report> = {}): Report {
  return { start: span.start, end: span.end, message, ...extra };
}
