/**
 * Inputs for the incremental-lint suites: real files, every lvs example of the rule pages,
 * generated files with more segments than one batch, and files where virtual servers interact
 * (shared firewall marks, repeated services and VIPs, devices, routers).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateConfig } from "../../../bench/generate.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample, REPO_ROOT_PATH } from "../../helpers/paths.ts";

/** Every ```lvs block of the rule pages (a ```lvs crlf block with CRLF line endings). */
export function rulePageExamples(): string[] {
  const dir = join(REPO_ROOT_PATH, "docs", "rules");
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((f) => /^LVS\d{4}\.md$/.test(f)).sort()) {
    const page = readFileSync(join(dir, name), "utf8");
    for (const m of page.matchAll(/```lvs( crlf)?\n([\s\S]*?)```/g)) out.push(m[1] ? m[2]!.replace(/\n/g, "\r\n") : m[2]!);
  }
  return out;
}

const GLOBALS = "primary = 10.0.0.1\nbackup = 10.0.0.2\nbackup_active = 1\nservice = lvs\nnetwork = nat\nnat_router = 10.0.1.254 eth1:1\nnat_nmask = 255.255.255.0\n";

function virtual(name: string, body: string, servers: string[] = ["10.0.1.11"]): string {
  const rs = servers.map((a, i) => `     server s${i} {\n         address = ${a}\n         active = 1\n         weight = ${i + 1}\n     }\n`).join("");
  return `virtual ${name} {\n     active = 1\n${body}${rs}}\n`;
}

/** Virtual servers that the document-wide rules compare with each other. */
export const INTERACTING: readonly string[] = [
  GLOBALS +
    virtual("ftp", "     address = 192.168.0.10 eth0:1\n     port = 21\n     fwmark = 7\n     persistent = 300\n") +
    virtual("ftpdata", "     address = 192.168.0.10 eth0:1\n     port = 20\n     fwmark = 7\n     scheduler = rr\n", ["10.0.1.12"]) +
    virtual("web", "     address = 192.168.0.11 eth0:1\n     port = 80\n") +
    virtual("web2", "     address = 192.168.0.11 eth0:2\n     port = 80\n") +
    virtual("clash", "     address = 10.0.1.11 eth0\n     port = 8080\n") +
    virtual("dev", "     address = 192.168.0.12 eth0:1/x\n     port = 25\n     sorry_server = 10.0.1.11\n"),
  GLOBALS.replace("service = lvs", "service = fos") + virtual("a", "     address = 192.168.0.1 eth0:1\n") + "failover f {\n     active = 1\n     address = 192.168.0.2 eth0:2\n}\n",
  "hard_shutdown = 1\n" + virtual("a", "     address = 192.168.0.1 eth0:1\n     fwmark = 3\n", []) + virtual("b", "     address = 192.168.0.1 eth0:1\n     fwmark = 3\n     persistent = 60\n"),
];

/** Texts to lint and edit: small and real ones, interacting ones, and two over a batch of segments. */
export function lintTexts(): string[] {
  return [
    ...corpusFiles().map(readCorpus),
    ...exampleFiles().map(readExample),
    ...rulePageExamples(),
    ...INTERACTING,
    generateConfig(3, 2),
    generateConfig(40, 2),
    INTERACTING[0]! + generateConfig(30, 1).replace(/^\w+ = .*\n/gm, ""),
  ];
}
