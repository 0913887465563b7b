/**
 * The scope each rule declares (`meta.scope`, `meta.reads`) holds: linted a segment at a
 * time with that rule alone, every test file gives what a full lint gives; and a document rule
 * with declared inputs does not change its findings when any other field changes.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { keywordAt, parse, type LvsFile } from "../../../grammar/index.ts";
import { LintRun, lintText } from "../../../compiler/lint/engine.ts";
import { ALL_RULES, findRule } from "../../../compiler/lint/rules/index.ts";
import { LvsDocument } from "../../../compiler/lsp/document.ts";
import { modelOrigin, type LvsModel, type ModelServer, type ModelVirtual } from "../../../compiler/model/resolve.ts";
import { lintTexts } from "./texts.ts";

const TEXTS = lintTexts();

test("only document-scoped rules declare what they read", () => {
  assert.equal(ALL_RULES.filter((r) => r.meta.reads && r.meta.scope !== "document").map((r) => r.meta.id), []);
  assert.ok(ALL_RULES.filter((r) => r.meta.reads).length >= 8, "the slow document rules declare their fields");
});

for (const rule of ALL_RULES) {
  test(`${rule.meta.id} (${rule.meta.scope}): a segment at a time gives the full lint's findings`, () => {
    let segmented = 0;
    for (const text of TEXTS) {
      const options = { rules: [rule] };
      const doc = new LvsDocument(text, options);
      const got = doc.diagnostics();
      if (doc.lintMode === "segments") segmented++;
      assert.equal(got, lintText(text, options).diagnostics, text);
    }
    assert.ok(segmented > TEXTS.length / 2, `${segmented} of ${TEXTS.length} texts linted a segment at a time`);
  });
}

/** Another value of the same type, to change a field with. */
function other(value: unknown): unknown {
  if (typeof value === "number") return value === 1 ? 7 : 1;
  if (typeof value === "string") return value === "x" ? "y" : "x";
  return "z";
}

function findingsOf(ruleId: string, file: LvsFile, model: LvsModel): string {
  const run = new LintRun(file.source, { rules: [findRule(ruleId)!], model });
  run.visitTopLevel(file.items);
  return JSON.stringify(run.findings({ oddBlanks: file.oddBlanks }).findings);
}

for (const { meta } of ALL_RULES) {
  const { id, reads: inputs } = meta;
  if (!inputs) continue;
  test(`${id}: changing a field it does not declare (value, or whether it is set) changes nothing`, () => {
    for (const text of TEXTS) {
      const file = parse(text);
      const model = lintText(text).model;
      const before = findingsOf(id, file, model);
      const change = (obj: ModelVirtual | ModelServer, fields: readonly string[]): void => {
        const record = obj as unknown as Record<string, unknown>;
        const origin = modelOrigin(obj);
        const level = "servers" in obj ? "virtual" : "server";
        for (const key of Object.keys(record)) {
          if (key === "servers" || fields.includes(key)) continue;
          const kept = record[key];
          // Fields no statement of their own sets (`block`, `name`, `device`) are never "set".
          const kw = keywordAt(level, key);
          const span = origin.span(key);
          record[key] = other(kept);
          if (kw && span) origin.forget(kw);
          else if (kw) origin.record(kw, 0, 0, 1);
          assert.is(findingsOf(id, file, model), before, `${key} of ${JSON.stringify(record)}`);
          record[key] = kept;
          if (kw && span) origin.record(kw, span.start, span.end, span.line);
          else if (kw) origin.forget(kw);
        }
      };
      for (const v of model.virtuals) {
        change(v, inputs.virtual);
        for (const s of v.servers) change(s, inputs.server);
      }
    }
  });
}

test.run();
