import { readFileSync } from "node:fs";
import { lintText } from "../compiler/lint/engine.ts";
for (const f of process.argv.slice(2)) {
  const r = lintText(readFileSync(f, "utf8"));
  console.log("==", f.split("/").pop());
  for (const d of r.diagnostics) console.log(`  ${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
}
