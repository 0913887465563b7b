/**
 * The real-world corpus against Piranha 0.8.6's own verdicts (../shared/corpus/SOURCES.md):
 * files Piranha accepts get no LVS1xxx error, files it rejects get one on (or before) the line
 * Piranha names, templates fail cleanly. The example deployments lint clean.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../compiler/lint/engine.ts";
import type { Diagnostic } from "../compiler/lint/types.ts";
import { diagnosticProblems } from "./helpers/invariants.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "./helpers/paths.ts";

type Verdict = "ok" | { line: number } | "template";

/** Piranha 0.8.6's verdict on each corpus file, from SOURCES.md. */
const VERDICTS: Record<string, Verdict> = {
  "ssocopsacc_piranha__sample.cf": "ok",
  "ssocopsacc_piranha__lvs.cf": "ok",
  "ssocopsacc_piranha__DirtyBackup_lvs.cf_orig": "ok",
  "tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_1_serial70.cf": "ok",
  "tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_2_serial76.cf": "ok",
  "tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_3_multiport_fragment.cf": "ok",
  "OpenDocCN_netkiller-tut-zh__linux_10_piranha_master.cf": "ok",
  "OpenDocCN_netkiller-tut-zh__linux_10_piranha_slave.cf": "ok",
  "OpenDocCN_netkiller-tut-zh__linux_10_SLB-MySQL_fragment.cf": "ok",
  // ERROR unknown command, line 1 (U+00A0 is not a separator for Piranha)
  "redhat-openstack_website__rdo-mysql-multi-master__RAW_nbsp_indented.cf": { line: 1 },
  "redhat-openstack_website__rdo-mysql-multi-master__normalized.cf": "ok",
  "ssato_miniascape__setup_dr.sh__lvs.cf.j2": "template",
  "DERIVED_ssato_miniascape__lvs.cf.rendered_example_values.cf": "ok",
  "aberends_puppet-construction__lvs.cf.erb": "template",
  "DERIVED_aberends_puppet-construction__lvs.cf.rendered_README_values.cf": "ok",
  "xiemx_blog_LVS-NAT.cf": "ok",
  "xiemx_blog_LVS-DR_fwmark.cf": "ok",
  "RHEL55_send_program_rport8080.cf": "ok",
  "salogs_RHEL5u3_DR_blanklines.cf": "ok",
  "cayu_squid_rhcs_proxy.cf": "ok",
  // ERROR unexpected arguments, line 1 (trailing `#` comments)
  "gaojf_commented_NEGATIVE.cf": { line: 1 },
  // ERROR unexpected arguments, line 3 (inline `#` comments)
  "lvs-keepalived-blog-2021_inline_comments_NEGATIVE.cf": { line: 3 },
};

const isLvs1Error = (d: Diagnostic): boolean => d.severity === "error" && d.ruleId.startsWith("LVS1");
const brief = (ds: readonly Diagnostic[]): string =>
  ds.map((d) => `${d.severity} ${d.ruleId} line ${d.line}: ${d.message}`).join("\n") || "(none)";

test("the verdict table covers exactly the corpus files", () => {
  assert.equal(corpusFiles(), Object.keys(VERDICTS).sort());
});

for (const [name, verdict] of Object.entries(VERDICTS)) {
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
