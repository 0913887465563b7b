/**
 * `lvs-lint --format sarif` is a SARIF 2.1.0 log as code-scanning services read it: valid
 * against the standard's schema (fixtures/sarif/), each rule's page embedded as its help, and
 * no path of the machine that ran it.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { corpusFiles, exampleFiles } from "../helpers/paths.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const schema = JSON.parse(readFileSync(join(root, "fixtures", "sarif", "sarif-2.1.0-rtm.5.json"), "utf8")) as object;
// A CommonJS module: its class is the default export's `default`.
const Ajv = AjvDraft04.default;
// The schema's formats are left unchecked, and its patterns are read without the u flag (one of
// them is not valid with it).
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

// Relative to the repository, as a CI job names them.
const files = [...exampleFiles().map((f) => `fixtures/examples/${f}`), ...corpusFiles().map((f) => `fixtures/corpus/${f}`)];

test("the SARIF log of the examples and the corpus validates against the SARIF 2.1.0 schema", () => {
  const r = spawnSync(process.execPath, [join(root, "dist", "bin", "lvs-lint.js"), "--format", "sarif", ...files], { encoding: "utf8", cwd: root });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const log = JSON.parse(r.stdout) as { runs: Array<{ results: unknown[]; tool: { driver: { rules: Array<{ help?: { markdown: string } }> } } }> };
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  assert.ok(log.runs[0]!.results.length > 20, "the corpus gives findings to validate");
  assert.ok(log.runs[0]!.tool.driver.rules.every((rule) => rule.help?.markdown.startsWith("# LVS")), "every rule carries its page");
  assert.not.ok(r.stdout.includes("file://"), "no file: URI");
  assert.not.ok(r.stdout.includes(root), "no path of this machine");
});

test("the validator rejects a log that breaks the schema", () => {
  assert.not.ok(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }), "a driver without a name");
});

test.run();
