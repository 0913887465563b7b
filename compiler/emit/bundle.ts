/**
 * The bundle: every file `lvs-compile` writes, as data (path, text, mode), and its manifest.
 * Pure and deterministic: the same lvs.cf and options give the same bytes.
 */
import { createHash } from "node:crypto";
import type { BundleFile, BundleManifest, BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { bundleReadme } from "./bundle-readme.ts";
import { directorIptablesRules } from "./director-firewall.ts";
import { DIRECTOR_SCRIPT, directorScript } from "./director-script.ts";
import { ipvsadmRules } from "./ipvsadm-rules.ts";
import { arptablesRules, redirectIptablesRules, vsftpdConf } from "./realserver-files.ts";
import { REALSERVER_SCRIPT, realServerScript } from "./realserver-script.ts";
import { realServerRoles, type RealServerRole } from "./roles.ts";
import { address } from "./shell.ts";
import { directorSysctls, realServerSysctls, sysctlConf } from "./sysctl.ts";
import { systemdUnit } from "./systemd.ts";

export interface BundleEntry {
  readonly path: string;
  readonly text: string;
  readonly mode: "0644" | "0755";
}

export interface Bundle {
  /** Sorted by path; manifest.json last. */
  readonly files: readonly BundleEntry[];
  readonly manifest: BundleManifest;
}

export const DEFAULT_FTP_PASSIVE = { min: 10000, max: 20000 } as const;

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

function file(path: string, text: string, mode: "0644" | "0755" = "0644"): BundleEntry {
  return { path, text, mode };
}

function realServerFiles(role: RealServerRole, options: BundleOptions): BundleEntry[] {
  const dir = `realservers/${address(role.address)}`;
  const files = [file(`${dir}/${REALSERVER_SCRIPT}`, realServerScript(role, options), "0755")];
  if (options.target === "modern") {
    files.push(file(`${dir}/${REALSERVER_SCRIPT}.service`, systemdUnit(REALSERVER_SCRIPT, `LVS real server ${role.address}`)));
  }
  if (role.method === "direct" && options.drArp === "arptables") files.push(file(`${dir}/arptables.rules`, arptablesRules(role, options.target)));
  if (role.method === "direct" && options.drArp === "iptables") files.push(file(`${dir}/iptables.rules`, redirectIptablesRules(role, options)));
  const sysctls = realServerSysctls(role, options);
  if (sysctls.length) files.push(file(`${dir}/sysctl.conf`, sysctlConf(sysctls, `kernel settings for real server ${role.address} (lvs-toolchain)`)));
  if (role.ftpVip !== null) files.push(file(`${dir}/vsftpd.conf`, vsftpdConf(role, options)));
  return files;
}

function directorFiles(plan: RuntimePlan, options: BundleOptions): BundleEntry[] {
  const files = [
    file("director/ipvsadm.rules", ipvsadmRules(plan)),
    file(`director/${DIRECTOR_SCRIPT}`, directorScript(plan, options), "0755"),
    file("director/sysctl.conf", sysctlConf(directorSysctls(plan), "kernel settings for the LVS directors (lvs-toolchain)")),
  ];
  const rules = directorIptablesRules(plan, options);
  if (rules !== null) files.push(file("director/iptables.rules", rules));
  if (options.target === "modern") files.push(file(`director/${DIRECTOR_SCRIPT}.service`, systemdUnit(DIRECTOR_SCRIPT, "LVS director")));
  return files;
}

/**
 * The bundle of a configuration lvs-lint reports no error in. `source` is the lvs.cf as read,
 * `formatted` its canonical layout (what goes on both directors).
 */
export function buildBundle(source: string, formatted: string, plan: RuntimePlan, options: BundleOptions): Bundle {
  const roles = realServerRoles(plan);
  const files = [
    file("lvs.cf", formatted),
    ...directorFiles(plan, options),
    ...roles.flatMap((r) => realServerFiles(r, options)),
  ];
  const withReadme = [...files, file("README.md", bundleReadme(plan, roles, options, files.map((f) => f.path)))].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const listed: BundleFile[] = withReadme.map((f) => ({ path: f.path, sha256: sha256(f.text), mode: f.mode }));
  const manifest: BundleManifest = {
    schema: 1,
    source: { sha256: sha256(source), bytes: Buffer.byteLength(source) },
    options,
    files: listed,
    plan,
  };
  return { files: [...withReadme, file("manifest.json", JSON.stringify(manifest, null, 2) + "\n")], manifest };
}
