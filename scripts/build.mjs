// Bundles each executable into one ESM file under dist/, so that start-up loads one file
// instead of the hundreds of modules behind the parser library.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["bin/lvs-lint.ts", "bin/lvs-compile.ts", "bin/lvs-fmt.ts", "bench/child.ts"],
  outdir: "dist",
  outbase: ".",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
});
