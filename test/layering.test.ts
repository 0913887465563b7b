/**
 * Layering: lib/ (pure code both sides share) depends on nothing else, grammar/ on lib/ only,
 * compiler/ on compiler/, grammar/ and lib/, runtime/ on runtime/ and lib/; bin/ may import
 * anything. The one crossing: compiler/ takes the types of the bundle manifest it writes from
 * runtime/manifest.ts, as type-only imports.
 * Checked on every import and export declaration and every dynamic import() that resolves to
 * a file of the project.
 */
import { dirname, relative, resolve, sep } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Node, Project, SyntaxKind, type SourceFile } from "ts-morph";
import { REPO_ROOT_PATH } from "./helpers/paths.ts";

type Layer = "lib" | "grammar" | "compiler" | "runtime" | "bin";

/** What each checked layer may import; bin is unrestricted. */
const ALLOWED: Record<Layer, readonly string[] | "any"> = {
  lib: ["lib"],
  grammar: ["grammar", "lib"],
  compiler: ["compiler", "grammar", "lib"],
  runtime: ["runtime", "lib"],
  bin: "any",
};

const rel = (path: string): string => relative(REPO_ROOT_PATH, path).split(sep).join("/");
const topDir = (path: string): string => rel(path).split("/")[0] ?? "";
const layerOf = (path: string): Layer | null => {
  const top = topDir(path);
  return top in ALLOWED ? (top as Layer) : null;
};

/** A file of this repository (not a package under node_modules, not a library file). */
function isProjectFile(f: SourceFile): boolean {
  const r = rel(f.getFilePath());
  return !f.isInNodeModules() && !f.isFromExternalLibrary() && !r.startsWith("../") && !r.startsWith("node_modules/");
}

/** The project file a module specifier names, if any (relative specifiers only). */
function resolveSpecifier(project: Project, from: SourceFile, specifier: string): SourceFile | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const base = resolve(dirname(from.getFilePath()), specifier);
  const candidates = [base, base.replace(/\.(m|c)?js$/, ".$1ts"), `${base}.ts`, `${base}/index.ts`];
  for (const c of candidates) {
    const f = project.getSourceFile(c);
    if (f) return f;
  }
  return undefined;
}

interface Edge {
  file: SourceFile;
  line: number;
  target: SourceFile;
  typeOnly: boolean;
}

const MANIFEST = "runtime/manifest.ts";

function importEdges(project: Project, file: SourceFile): Edge[] {
  const edges: Edge[] = [];
  const add = (node: Node, target: SourceFile | undefined, typeOnly = false): void => {
    if (target && isProjectFile(target)) edges.push({ file, line: node.getStartLineNumber(), target, typeOnly });
  };
  for (const decl of file.getImportDeclarations()) {
    const typeOnly = decl.isTypeOnly() || (decl.getNamedImports().length > 0 && !decl.getDefaultImport() && !decl.getNamespaceImport() && decl.getNamedImports().every((n) => n.isTypeOnly()));
    add(decl, decl.getModuleSpecifierSourceFile() ?? resolveSpecifier(project, file, decl.getModuleSpecifierValue()), typeOnly);
  }
  for (const decl of file.getExportDeclarations()) {
    const spec = decl.getModuleSpecifierValue();
    if (spec === undefined) continue;
    add(decl, decl.getModuleSpecifierSourceFile() ?? resolveSpecifier(project, file, spec), decl.isTypeOnly());
  }
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getKind() !== SyntaxKind.ImportKeyword) continue;
    const arg = call.getArguments()[0];
    if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) {
      add(call, resolveSpecifier(project, file, arg.getLiteralValue()));
    }
  }
  // `import("…")` in type positions (`typeof import("../x.ts")`)
  for (const type of file.getDescendantsOfKind(SyntaxKind.ImportType)) {
    const arg = type.getArgument();
    if (Node.isLiteralTypeNode(arg)) {
      const lit = arg.getLiteral();
      if (Node.isStringLiteral(lit)) add(type, resolveSpecifier(project, file, lit.getLiteralValue()), true);
    }
  }
  return edges;
}

/** Every import that breaks the layering, as `file:line from -> to`. */
function layeringViolations(project: Project): string[] {
  const out: string[] = [];
  for (const file of project.getSourceFiles()) {
    const layer = layerOf(file.getFilePath());
    if (!layer) continue;
    const allowed = ALLOWED[layer];
    if (allowed === "any") continue;
    for (const edge of importEdges(project, file)) {
      const to = topDir(edge.target.getFilePath());
      const manifestTypes = layer === "compiler" && edge.typeOnly && rel(edge.target.getFilePath()) === MANIFEST;
      if (!allowed.includes(to) && !manifestTypes) out.push(`${rel(file.getFilePath())}:${edge.line} ${layer} -> ${rel(edge.target.getFilePath())}`);
    }
  }
  return out.sort();
}

/** The language server's features, one provider each: none may reach into another. */
const LSP_FEATURES = ["code-actions", "completion", "diagnostics", "folding", "formatting", "hover", "symbols"].map((f) => `compiler/lsp/${f}.ts`);

/** Imports that break a rule inside compiler/: the formatter takes no lint rule, and LSP features stay apart. */
function compilerRoomViolations(project: Project, features: readonly string[] = LSP_FEATURES): string[] {
  const out: string[] = [];
  for (const file of project.getSourceFiles()) {
    const from = rel(file.getFilePath());
    for (const edge of importEdges(project, file)) {
      const to = rel(edge.target.getFilePath());
      const formatTakesRule = from.startsWith("compiler/format/") && to.startsWith("compiler/lint/rules/");
      const featureToFeature = features.includes(from) && features.includes(to) && from !== to;
      if (formatTakesRule || featureToFeature) out.push(`${from}:${edge.line} -> ${to}`);
    }
  }
  return out.sort();
}

const project = new Project({ tsConfigFilePath: resolve(REPO_ROOT_PATH, "tsconfig.json") });

test("the project is loaded from tsconfig.json", () => {
  const layers = new Set(project.getSourceFiles().map((f) => layerOf(f.getFilePath())));
  assert.ok(layers.has("grammar") && layers.has("compiler"), "grammar/ and compiler/ files are in the project");
  const engine = project.getSourceFile(resolve(REPO_ROOT_PATH, "compiler/lint/engine.ts"));
  assert.ok(engine, "compiler/lint/engine.ts is in the project");
  const targets = importEdges(project, engine!).map((e) => rel(e.target.getFilePath()));
  assert.ok(targets.includes("grammar/index.ts"), `engine.ts imports grammar/index.ts (found ${targets.join(", ")})`);
});

test("lib/, grammar/, compiler/ and runtime/ import only what their layer allows", () => {
  const violations = layeringViolations(project);
  assert.equal(violations, [], `layering violations:\n${violations.join("\n")}`);
});

test("a bad import is reported (static, re-export, dynamic and type import)", () => {
  const probes = [
    project.createSourceFile("runtime/x.ts", 'import "../compiler/lint/engine.ts";\n', { overwrite: true }),
    project.createSourceFile(
      resolve(REPO_ROOT_PATH, "grammar/__layering_probe__.ts"),
      [
        'export { lintText } from "../compiler/lint/engine.ts";',
        "export async function later(): Promise<unknown> {",
        '  return import("../compiler/model/resolve.ts");',
        "}",
        'export type M = typeof import("../compiler/model/values.ts");',
        'import { parse } from "./index.ts";',
        "export const p = parse;",
        "",
      ].join("\n"),
      { overwrite: true },
    ),
    project.createSourceFile(
      resolve(REPO_ROOT_PATH, "lib/__layering_probe__.ts"),
      ['import "../runtime/manifest.ts";', 'import { destinationPort } from "./ipvs.ts";', "export const d = destinationPort;", ""].join("\n"),
      { overwrite: true },
    ),
    project.createSourceFile(
      resolve(REPO_ROOT_PATH, "runtime/__layering_probe__.ts"),
      ['import { destinationPort } from "../lib/ipvs.ts";', 'import "../grammar/index.ts";', "export const d = destinationPort;", ""].join("\n"),
      { overwrite: true },
    ),
    project.createSourceFile(
      resolve(REPO_ROOT_PATH, "compiler/__layering_probe__.ts"),
      [
        'import type { X } from "../runtime/x.ts";',
        'import type { RuntimePlan } from "../runtime/manifest.ts";',
        'import { MANIFEST_SCHEMA } from "../runtime/manifest.ts";',
        'import { destinationPort } from "../lib/ipvs.ts";',
        "export type Y = X | RuntimePlan;",
        "export const d = destinationPort;",
        "export const s = MANIFEST_SCHEMA;",
        "",
      ].join("\n"),
      { overwrite: true },
    ),
  ];
  try {
    assert.is(rel(probes[0]!.getFilePath()), "runtime/x.ts", "the relative path is taken from the repository root");
    const violations = layeringViolations(project);
    assert.equal(violations, [
      "compiler/__layering_probe__.ts:1 compiler -> runtime/x.ts",
      "compiler/__layering_probe__.ts:3 compiler -> runtime/manifest.ts",
      "grammar/__layering_probe__.ts:1 grammar -> compiler/lint/engine.ts",
      "grammar/__layering_probe__.ts:3 grammar -> compiler/model/resolve.ts",
      "grammar/__layering_probe__.ts:5 grammar -> compiler/model/values.ts",
      "lib/__layering_probe__.ts:1 lib -> runtime/manifest.ts",
      "runtime/__layering_probe__.ts:2 runtime -> grammar/index.ts",
      "runtime/x.ts:1 runtime -> compiler/lint/engine.ts",
    ]);
  } finally {
    for (const p of probes) project.removeSourceFile(p);
  }
  assert.equal(layeringViolations(project), [], "the probes are gone");
});

test("inside compiler/: the formatter imports no lint rule, and no LSP feature imports another", () => {
  for (const f of LSP_FEATURES) assert.ok(project.getSourceFile(resolve(REPO_ROOT_PATH, f)), `${f} is a file of the project`);
  assert.equal(compilerRoomViolations(project), []);
  const probes = [
    project.createSourceFile(resolve(REPO_ROOT_PATH, "compiler/format/__room_probe__.ts"), 'import "../lint/rules/lvs1001-syntax-error.ts";\nimport "../lint/syntax-check.ts";\n', { overwrite: true }),
    project.createSourceFile(resolve(REPO_ROOT_PATH, "compiler/lsp/__feature_probe__.ts"), 'import "./completion.ts";\nimport "./positions.ts";\n', { overwrite: true }),
  ];
  try {
    const features = [...LSP_FEATURES, "compiler/lsp/__feature_probe__.ts"];
    assert.equal(compilerRoomViolations(project, features), [
      "compiler/format/__room_probe__.ts:1 -> compiler/lint/rules/lvs1001-syntax-error.ts",
      "compiler/lsp/__feature_probe__.ts:1 -> compiler/lsp/completion.ts",
    ]);
  } finally {
    for (const p of probes) project.removeSourceFile(p);
  }
  assert.equal(compilerRoomViolations(project), [], "the probes are gone");
});

test.run();
