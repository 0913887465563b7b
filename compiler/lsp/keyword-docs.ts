/** What hover and completion say about a keyword, a scheduler or a rule, read from the keyword table and the rules. */
import { SCHEDULER_DOCS, SCHEDULERS, type Keyword, type Level } from "../../grammar/index.ts";
import { ruleDocsUrl } from "../lint/docs-url.ts";
import { findRule } from "../lint/rules/index.ts";
import type { Diagnostic } from "../lint/types.ts";
import { expectedFor } from "../model/read.ts";

const WHERE: Record<Level, string> = {
  global: "global setting",
  virtual: "setting of a `virtual` or `failover` block",
  server: "setting of a `server` block",
};

const DAEMON: Record<Keyword["daemon"], string> = {
  pulse: "`pulse` (the heartbeat and failover daemon)",
  lvsd: "`lvsd` (which sets up IPVS)",
  nanny: "`nanny` (the health check of each real server)",
  fos: "`fos` (failover services)",
  none: "no daemon: Piranha parses it and ignores it",
};

export function isScheduler(name: string): name is (typeof SCHEDULERS)[number] {
  return (SCHEDULERS as readonly string[]).includes(name);
}

/** The allowed values of a keyword, as a line of Markdown. */
function allowedValues(kw: Keyword): string {
  if (kw.name === "scheduler") return SCHEDULERS.map((s) => `\`${s}\` (${SCHEDULER_DOCS[s]})`).join(", ");
  if (kw.kind === "enum") return kw.values!.map((v) => `\`${v}\``).join(", ");
  if (kw.kind === "block") return `\`${kw.name} NAME {\``;
  return expectedFor(kw);
}

/** A keyword as hover and completion show it: what it does, its default, its values, its daemon. */
export function keywordMarkdown(kw: Keyword): string {
  const what = kw.kind === "block" ? `opens a block (${WHERE[kw.level]})` : WHERE[kw.level];
  const lines = [`**\`${kw.name}\`**: ${what}`, "", kw.doc, ""];
  if (kw.kind !== "block") lines.push(`- Piranha's default: ${kw.default === null ? "none" : `\`${kw.default}\``}`);
  lines.push(`- Values: ${allowedValues(kw)}`, `- Read by ${DAEMON[kw.daemon]}`);
  return lines.join("\n");
}

export function schedulerMarkdown(name: (typeof SCHEDULERS)[number]): string {
  return `**\`${name}\`**: ${SCHEDULER_DOCS[name]}`;
}

/** A lint finding as hover shows it: the rule, what it checks, the message and its page. */
export function findingMarkdown(d: Diagnostic): string {
  const rule = findRule(d.ruleId);
  const lines = [`**${d.ruleId}** \`${d.alias}\` (${d.severity})${rule?.meta.fixable ? ", fixable" : ""}`, "", d.message];
  if (rule) lines.push("", `_${rule.meta.description}_`);
  lines.push("", `[${d.ruleId} documentation](${ruleDocsUrl(d.ruleId)})`);
  return lines.join("\n");
}
