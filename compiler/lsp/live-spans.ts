/**
 * Model objects read from a segment keep saying where they stand in the document after edits
 * before the segment move it: their source spans are rewritten to count from the segment's
 * current start and line, so that the document-wide rules read positions and line numbers as
 * a full lint would, without the segment being read again.
 */
import { modelOrigin, type ModelServer, type ModelVirtual, type SourceSpan } from "../model/resolve.ts";

/** Where a segment stands now. */
export interface Place {
  readonly start: number;
  readonly line: number;
}

class LiveSpan implements SourceSpan {
  constructor(
    private readonly place: Place,
    private readonly from: number,
    private readonly to: number,
    private readonly lines: number,
  ) {}
  get start(): number {
    return this.place.start + this.from;
  }
  get end(): number {
    return this.place.start + this.to;
  }
  get line(): number {
    return this.place.line + this.lines;
  }
}

/**
 * Rewrites the spans of `virtuals` and their servers, read from a text where the segment
 * began at offset `offset` and line `line`, to follow `place`.
 */
export function followPlace(virtuals: readonly ModelVirtual[], place: Place, offset: number, line: number): void {
  const live = (span: SourceSpan): SourceSpan => new LiveSpan(place, span.start - offset, span.end - offset, span.line - line);
  const rewrite = (obj: ModelVirtual | ModelServer): void => {
    const origin = modelOrigin(obj);
    for (const field of Object.keys(origin.sources)) origin.sources[field] = live(origin.sources[field]!);
    if (origin.opener) Object.defineProperty(origin, "opener", { value: live(origin.opener) });
  };
  for (const v of virtuals) {
    rewrite(v);
    for (const s of v.servers) rewrite(s);
  }
}
