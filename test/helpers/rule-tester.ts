/**
 * A rule's cases as a specification, in the manner of ESLint's RuleTester: files that give no
 * finding of the rule, and files that give exactly the findings listed (place, severity and a
 * fragment of the message). For every case, what Piranha's parser would make of the file is
 * checked too: a valid case is a file it accepts, and `--emit model` reads each case as the
 * oracle of its parser does. A fixable rule's fixes must clear its findings.
 */
import { readFileSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { piranhaReading } from "../../compiler/emit/compile.ts";
import { lintText } from "../../compiler/lint/engine.ts";
import { findRule } from "../../compiler/lint/rules/index.ts";
import type { Diagnostic, Fix, Rule } from "../../compiler/lint/types.ts";
import { modelToJson } from "../../compiler/model/resolve.ts";
import { SourceText } from "../../grammar/index.ts";
import { piranhaParse } from "../oracle/piranha.ts";

export interface ExpectedFinding {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: "error" | "warning" | "info";
  /** Words the message must hold. */
  readonly message: string;
}

export interface InvalidCase {
  /** What the case shows, for the test's name. */
  readonly name: string;
  readonly code: string;
  readonly errors: readonly ExpectedFinding[];
}

export interface ValidCase {
  readonly name: string;
  readonly code: string;
}

/** A case kept as a file because its bytes matter (CRLF, a lone CR, NBSP, a byte order mark). */
export function fixture(path: string): string {
  return readFileSync(new URL(`../../fixtures/lint/${path}`, import.meta.url), "utf8");
}

const findingsOf = (rule: Rule, text: string): Diagnostic[] => lintText(text).diagnostics.filter((d) => d.ruleId === rule.meta.id);
const show = (ds: readonly Diagnostic[]): string => ds.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.message}`).join("\n");

/**
 * Applies the fixes from the end of the text backwards, skipping any that overlaps one already
 * applied. Returns the new text, the fixes applied and a map from old offsets to new ones.
 */
function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[]; map: (offset: number) => number } {
  const sorted = [...fixes].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  const applied: Fix[] = [];
  let out = text;
  for (const f of sorted) {
    const [a, b] = f.range;
    const last = applied[applied.length - 1];
    if (last && (b > last.range[0] || (a === b && last.range[0] === last.range[1] && a === last.range[0]))) continue;
    out = out.slice(0, a) + f.text + out.slice(b);
    applied.push(f);
  }
  const ascending = [...applied].reverse();
  const map = (offset: number): number => {
    let shift = 0;
    for (const { range: [a, b], text: t } of ascending) {
      if (a <= offset && offset < b) return a + shift;
      if (a >= offset) break;
      shift += t.length - (b - a);
    }
    return offset + shift;
  };
  return { text: out, applied, map };
}

/** The rule's fixes leave none of the findings they fix on the lines they touch. */
function assertFixesClear(rule: Rule, name: string, text: string): void {
  const before = findingsOf(rule, text);
  const fixes = before.filter((d) => d.fix).map((d) => d.fix!);
  assert.ok(fixes.length > 0, `${rule.meta.id} is fixable but ${name} yields no fix`);
  const { text: fixed, applied, map } = applyFixes(text, fixes);
  const after = findingsOf(rule, fixed);
  const src = new SourceText(fixed);
  // Lines that held a finding whose fix was applied, or that a fix rewrote.
  const fixedLines = new Set<number>();
  const keptLines = new Set<number>();
  for (const d of before) {
    const lines = [src.lineOf(map(d.start)), src.lineOf(map(d.end))];
    const target = d.fix && applied.includes(d.fix) ? fixedLines : keptLines;
    for (let l = Math.min(...lines); l <= Math.max(...lines); l++) target.add(l);
  }
  for (const f of applied) {
    const start = map(f.range[0]);
    for (let l = src.lineOf(start); l <= src.lineOf(start + f.text.length); l++) fixedLines.add(l);
  }
  const left = after.filter((d) => fixedLines.has(d.line) && !keptLines.has(d.line));
  assert.is(left.length, 0, `${name} after its fixes still has:\n${show(left)}\n--- fixed text ---\n${fixed}`);
  const unfixed = before.length - applied.length;
  assert.ok(after.length <= unfixed, `${name}: ${after.length} findings after fixing, but only ${unfixed} had no fix:\n${show(after)}`);
}

/** `--emit model` reads the text as Piranha's parser does: no model where it refuses, its model where it reads. */
function assertReadAsPiranha(name: string, text: string): void {
  const piranha = piranhaParse(text);
  const { model } = piranhaReading(text);
  if (!piranha.ok) return assert.is(model, null, `${name}: Piranha refuses line ${piranha.line} (${piranha.message})`);
  assert.ok(model !== null, `${name}: Piranha reads it, but no model was read`);
  assert.equal(JSON.parse(modelToJson(model)), JSON.parse(JSON.stringify(piranha.model)), `${name}: the model`);
}

/** Registers and runs the cases of the rule `id`. */
export function ruleTests(id: string, cases: { readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase[] }): void {
  const rule = findRule(id);
  const t = suite(id);
  t("the rule exists and has cases of both kinds", () => {
    assert.ok(rule, `no rule ${id}`);
    assert.ok(cases.valid.length > 0, "a valid case");
    assert.ok(cases.invalid.length > 0 || id === "LVS1019", "an invalid case");
  });
  if (!rule) return t.run();
  // A valid case of a parser rule is a file Piranha's parser accepts (no LVS1xxx error); one of a
  // semantic rule is a configuration a director runs as meant (no error at all).
  const family = id.startsWith("LVS1") ? "LVS1" : "LVS";
  for (const c of cases.valid) {
    t(`valid: ${c.name}`, () => {
      const found = findingsOf(rule, c.code);
      assert.is(found.length, 0, `findings of ${id}:\n${show(found)}`);
      const errors = lintText(c.code).diagnostics.filter((d) => d.severity === "error" && d.ruleId.startsWith(family));
      assert.is(errors.length, 0, `errors of other ${family}xxx rules:\n${show(errors)}`);
      assertReadAsPiranha(c.name, c.code);
    });
  }
  for (const c of cases.invalid) {
    t(`invalid: ${c.name}`, () => {
      assert.ok(c.errors.length > 0, "an invalid case expects at least one finding");
      const found = findingsOf(rule, c.code);
      const place = (d: ExpectedFinding | Diagnostic) => ({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, severity: d.severity });
      assert.equal(found.map(place), c.errors.map(place), `findings of ${id}:\n${show(found)}`);
      c.errors.forEach((e, i) => assert.ok(found[i]!.message.includes(e.message), `finding ${i + 1} says:\n${found[i]!.message}\nnot: ${e.message}`));
      assertReadAsPiranha(c.name, c.code);
    });
    if (rule.meta.fixable) t(`invalid: ${c.name}: its fixes clear its findings`, () => assertFixesClear(rule, c.name, c.code));
  }
  t.run();
}
