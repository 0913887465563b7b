/** Applies the fixes of fixable rules, pass after pass, until the text stops changing. */
import { lintText, type LintOptions } from "./engine.ts";
import type { Diagnostic, Fix } from "./types.ts";

/** At most this many lint-and-fix passes over one text. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies the fixes that do not overlap an earlier one (in text order), from the end of the
 * text backwards so that offsets stay valid. Returns the new text and how many were applied.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: Fix[] = [];
  let end = -1;
  for (const f of sorted) {
    // Two insertions at one point, or an edit starting inside the previous one, would clash.
    if (f.range[0] < end || (f.range[0] === end && chosen.length > 0 && chosen[chosen.length - 1]!.range[0] === end)) continue;
    chosen.push(f);
    end = f.range[1];
  }
  let out = text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const f = chosen[i]!;
    out = out.slice(0, f.range[0]) + f.text + out.slice(f.range[1]);
  }
  return { text: out, applied: chosen.length };
}

export interface FixResult {
  /** The text with every fix applied. */
  readonly output: string;
  /** The findings that remain in `output`. */
  readonly diagnostics: Diagnostic[];
  readonly passes: number;
}

/** Lints, applies fixes, and repeats until no fix applies or the text stops changing. */
export function fixText(text: string, options: LintOptions = {}): FixResult {
  let current = text;
  let result = lintText(current, options);
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = result.diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
    if (fixes.length === 0) break;
    const next = applyFixes(current, fixes).text;
    passes++;
    if (next === current) break;
    current = next;
    result = lintText(current, options);
  }
  return { output: current, diagnostics: result.diagnostics, passes };
}
