/**
 * The real-world corpus against Piranha 0.8.6's own verdicts (fixtures/corpus/SOURCES.md):
 * files Piranha accepts get no LVS1xxx error, files it rejects get one on (or before) the line
 * Piranha names, templates fail cleanly. The example deployments lint clean.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../compiler/lint/engine.ts";
import type { Diagnostic } from "../compiler/lint/types.ts";
import { diagnosticProblems } from "./helpers/invariants.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "./helpers/paths.ts";
import { SOURCES_VERDICTS } from "./helpers/verdicts.ts";


const isLvs1Error = (d: Diagnostic): boolean => d.severity === "error" && d.ruleId.startsWith("LVS1");
const brief = (ds: readonly Diagnostic[]): string =>
  ds.map((d) => `${d.severity} ${d.ruleId} line ${d.line}: ${d.message}`).join("\n") || "(none)";

test("the verdict table covers exactly the corpus files", () => {
  assert.equal(corpusFiles(), Object.keys(SOURCES_VERDICTS).sort());
});

for (const [name, verdict] of Object.entries(SOURCES_VERDICTS)) {
  const label = typeof verdict === "string" ? verdict : `rejected at line ${verdict.line}`;
  test(`corpus ${name} (${label})`, () => {
    const text = readCorpus(name);
    const { diagnostics } = lintText(text);
    assert.equal(diagnosticProblems(text, diagnostics), [], "diagnostic positions");
    if (verdict === "ok") {
      const errors = diagnostics.filter(isLvs1Error);
      assert.is(errors.length, 0, `Piranha accepts ${name}, but:\n${brief(errors)}`);
    } else if (verdict === "template") {
      const errors = diagnostics.filter((d) => d.severity === "error");
      assert.ok(errors.length >= 1, `a template should fail with an error; got:\n${brief(diagnostics)}`);
    } else {
      const early = diagnostics.filter((d) => isLvs1Error(d) && d.line <= verdict.line);
      assert.ok(
        early.length >= 1,
        `Piranha rejects ${name} at line ${verdict.line}; expected an LVS1xxx error on or before it, got:\n${brief(diagnostics)}`,
      );
    }
  });
}

test("the three example deployments are in fixtures/examples", () => {
  assert.equal(exampleFiles(), ["dr-www.cf", "ha-pair-dr.cf", "nat-web-ftp.cf"]);
});

for (const name of exampleFiles()) {
  test(`example ${name} lints with no error and no warning`, () => {
    const text = readExample(name);
    const { diagnostics, model } = lintText(text);
    assert.equal(diagnosticProblems(text, diagnostics), [], "diagnostic positions");
    const bad = diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");
    assert.is(bad.length, 0, brief(bad));
    assert.ok(model.virtuals.length >= 1, "the example declares virtual servers");
  });
}

test.run();
