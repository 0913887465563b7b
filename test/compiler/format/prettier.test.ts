/**
 * The Prettier plugin: its comments attached by Prettier's algorithm, it prints exactly what
 * `formatLvs` prints, on every fixture and on generated configs.
 */
import fc from "fast-check";
import * as prettier from "prettier";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatChecked } from "../../../compiler/format/errors.ts";
import { formatLvs } from "../../../compiler/format/print.ts";
import plugin from "../../../compiler/format/prettier.ts";
import { formattableConfig } from "../../helpers/format-arbitrary.ts";
import { readCorpus } from "../../helpers/paths.ts";

const DIR = new URL("../../../fixtures/format/", import.meta.url);

test("prettier.format with the plugin equals formatLvs on every fixture it can format, and refuses the others", async () => {
  let refused = 0;
  for (const name of readdirSync(DIR).sort()) {
    const text = readFileSync(new URL(`${name}/input.cf`, DIR), "utf8");
    if (formatChecked(text).error) {
      refused++;
      await prettier.format(text, { parser: "lvs", plugins: [plugin] }).then(
        () => assert.unreachable(`${name}: formatted despite a syntax error`),
        (e: { loc?: unknown }) => assert.ok(e.loc, name),
      );
      continue;
    }
    const out = await prettier.format(text, { parser: "lvs", plugins: [plugin] });
    assert.is(out, formatLvs(text), name);
  }
  assert.ok(refused >= 1 && refused < 5, `${refused} fixtures refused`);
});

test("generated configs with comments: the plugin prints what formatLvs prints (200 runs)", async () => {
  await fc.assert(
    fc.asyncProperty(formattableConfig, async (text) => {
      assert.is(await prettier.format(text, { parser: "lvs", plugins: [plugin] }), formatLvs(text), JSON.stringify(text));
    }),
    { numRuns: 200 },
  );
});

test("own-line comments are attached by Prettier: before a statement, at the end of a block, at the end of the file", async () => {
  const text = "virtual a {\n# above port\nport = 80 # beside port\n\n# end of body\n}\n# moved with nothing\nserial_no = 2\n\n# last\n";
  const ast = plugin.parsers.lvs.parse(text, {});
  assert.equal(ast.comments.map((c) => c.text), ["# above port", "# end of body", "# moved with nothing", "# last"], "the comment beside a statement is the statement's own");
  const out = await prettier.format(text, { parser: "lvs", plugins: [plugin] });
  // The comment above `serial_no` moves with it when globals go first; the last one stays last.
  assert.is(out, "# moved with nothing\nserial_no = 2\nvirtual a {\n     # above port\n     # beside port\n     port = 80\n\n     # end of body\n}\n\n# last\n");
  assert.is(out, formatLvs(text));
});

test("the language is inferred from the file name lvs.cf", async () => {
  const out = await prettier.format("serial_no=1\nvirtual a{\nport=80\n}\n", { filepath: "/etc/sysconfig/ha/lvs.cf", plugins: [plugin] });
  assert.is(out, "serial_no = 1\nvirtual a {\n     port = 80\n}\n");
});

test("a syntax error formatting cannot repair is thrown with its location, for Prettier's code frame", async () => {
  try {
    await prettier.format("virtual a {\n}\n}\n", { parser: "lvs", plugins: [plugin] });
    assert.unreachable("no error thrown");
  } catch (e) {
    const err = e as { loc?: { start: { line: number; column: number } }; message: string };
    assert.equal(err.loc?.start, { line: 3, column: 1 });
    assert.match(err.message, /LVS1001/);
  }
});

test("the lvsIndent option gives uniform indentation", async () => {
  const text = "virtual a {\nport = 80\nserver s {\nweight = 2\n}\n}\n";
  const four = await prettier.format(text, { parser: "lvs", plugins: [plugin], lvsIndent: 4 } as prettier.Options);
  assert.is(four, "virtual a {\n    port = 80\n    server s {\n        weight = 2\n    }\n}\n");
  assert.is(await prettier.format(text, { parser: "lvs", plugins: [plugin] }), formatLvs(text));
});

test("the corpus templates (ERB, Jinja) are refused, not formatted", async () => {
  for (const name of ["aberends_puppet-construction__lvs.cf.erb", "ssato_miniascape__setup_dr.sh__lvs.cf.j2"]) {
    const text = readCorpus(name);
    assert.ok(formatChecked(text).error, name);
    await prettier.format(text, { parser: "lvs", plugins: [plugin] }).then(
      () => assert.unreachable(`${name} was formatted`),
      (e: { loc?: { start: { line: number } } }) => assert.is(e.loc?.start.line, 2, name),
    );
  }
});

test("prettier --plugin <package>/prettier --check from the command line", () => {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(root, "node_modules/prettier/bin/prettier.cjs"), "--plugin", join(root, "dist/prettier.js"), ...args], { cwd: root, encoding: "utf8" });
  const examples = readdirSync(join(root, "fixtures/examples")).map((f) => join(root, "fixtures/examples", f));
  const ok = cli(["--check", ...examples]);
  assert.is(ok.status, 0, ok.stdout + ok.stderr);
  const dir = mkdtempSync(join(tmpdir(), "lvs-prettier-"));
  writeFileSync(join(dir, "lvs.cf"), "primary=10.0.0.1\n");
  assert.is(cli(["--check", join(dir, "lvs.cf")]).status, 1);
  const fixed = cli(["--write", join(dir, "lvs.cf")]);
  assert.is(fixed.status, 0, fixed.stderr);
  assert.is(readFileSync(join(dir, "lvs.cf"), "utf8"), "primary = 10.0.0.1\n");
  // The package exports the plugin under the name users pass to --plugin.
  assert.is(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).exports["./prettier"], "./dist/prettier.js");
});

test.run();
