/**
 * Model objects read from a segment keep saying where they stand in the document after edits
 * before the segment move it: their source spans count from the segment's current start and
 * line, so that the document-wide rules read positions and line numbers as a full lint would,
 * without the segment being read again.
 */
import { modelOrigin, type ModelVirtual, type Place } from "../model/resolve.ts";

export type { Place };

/**
 * Makes the spans of `virtuals` and their servers, read from a text where the segment began at
 * offset `offset` and line `line`, follow `place`.
 */
export function followPlace(virtuals: readonly ModelVirtual[], place: Place, offset: number, line: number): void {
  for (const v of virtuals) {
    modelOrigin(v).follow(place, offset, line);
    for (const s of v.servers) modelOrigin(s).follow(place, offset, line);
  }
}
