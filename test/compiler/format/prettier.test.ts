/** The Prettier plugin prints exactly what `formatLvs` prints. */
import * as prettier from "prettier";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatLvs } from "../../../compiler/format/print.ts";
import plugin from "../../../compiler/format/prettier.ts";

const DIR = new URL("../../../fixtures/format/", import.meta.url);

test("prettier.format with the plugin equals formatLvs on every fixture", async () => {
  for (const name of readdirSync(DIR).sort()) {
    const text = readFileSync(new URL(`${name}/input.cf`, DIR), "utf8");
    const out = await prettier.format(text, { parser: "lvs", plugins: [plugin] });
    assert.is(out, formatLvs(text), name);
  }
});

test("the language is inferred from the file name lvs.cf", async () => {
  const out = await prettier.format("serial_no=1\nvirtual a{\nport=80\n}\n", { filepath: "/etc/sysconfig/ha/lvs.cf", plugins: [plugin] });
  assert.is(out, "serial_no = 1\nvirtual a {\n     port = 80\n}\n");
});

test.run();
