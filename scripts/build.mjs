// Bundles each executable into one ESM file under dist/, so that start-up loads one file
// instead of the hundreds of modules behind the parser library.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  // The Prettier plugin runs inside the user's Prettier, which it must not carry a copy of.
  external: ["prettier", "prettier/*"],
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: [
    { in: "bin/lvs-lint.ts", out: "bin/lvs-lint" },
    { in: "bin/lvs-compile.ts", out: "bin/lvs-compile" },
    { in: "bin/lvs-fmt.ts", out: "bin/lvs-fmt" },
    { in: "bin/lvs-run.ts", out: "bin/lvs-run" },
    // The Prettier plugin, exported as `lvs-toolchain/prettier`.
    { in: "compiler/format/prettier.ts", out: "prettier" },
    { in: "bench/child.ts", out: "bench/child" },
    { in: "bench/runtime-child.ts", out: "bench/runtime-child" },
  ],
});
// The language server: its LSP library is CommonJS and loads Node's modules with require().
await build({
  ...common,
  entryPoints: [{ in: "bin/lvs-lsp.ts", out: "bin/lvs-lsp" }],
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
