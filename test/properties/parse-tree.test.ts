/**
 * (c) The syntax tree of any text: every node has start ≤ end within the text, children lie
 * inside their parents, items come in order, comments are sorted. 2000 runs.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "../../grammar/index.ts";
import { anyText, applyEdits, edit, runParams } from "../helpers/arbitraries.ts";
import { astProblems } from "../helpers/invariants.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../helpers/paths.ts";

function treeIsSound(text: string): void {
  const file = parse(text);
  if (file.start !== 0 || file.end !== text.length) throw new Error(`file node [${file.start},${file.end}) for length ${text.length}`);
  const problems = astProblems(file);
  if (problems.length > 0) throw new Error(problems.slice(0, 10).join("\n"));
}

const TEXTS = [...corpusFiles().map(readCorpus), ...exampleFiles().map(readExample)];

test("every corpus and example file parses into a sound tree", () => {
  for (const text of TEXTS) treeIsSound(text);
});

test("arbitrary text parses into a sound tree (1200 runs)", () => {
  fc.assert(fc.property(anyText, treeIsSound), runParams(1200));
});

test("mutated corpus files parse into a sound tree (800 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 10 }), (text, edits) => {
      treeIsSound(applyEdits(text, edits));
    }),
    runParams(800),
  );
});

test("the checker itself finds a child outside its parent", () => {
  const file = parse("virtual a {\n     port = 80\n}\n");
  assert.equal(astProblems(file), []);
  const block = file.items[0]!;
  assert.ok(block.kind === "block");
  // a forged tree: a statement claiming offsets past its block
  const forged = Object.create(Object.getPrototypeOf(file), {
    ...Object.getOwnPropertyDescriptors(file),
    items: { value: [Object.create(Object.getPrototypeOf(block), { ...Object.getOwnPropertyDescriptors(block), end: { value: 5 } })] },
  }) as typeof file;
  assert.ok(astProblems(forged).length > 0);
});

test.run();
