/**
 * The director's netfilter rules, in `iptables-save` form for `iptables-restore --noflush`:
 * a mangle chain of our own that marks every port of every firewall-mark service (with the
 * passive FTP range for FTP members) and, with NAT, a nat chain masquerading active FTP data
 * connections from the FTP real servers. The director script hooks the chains into
 * PREROUTING and POSTROUTING.
 */
import type { BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { isFtp } from "./realserver-data.ts";
import { address, integer } from "./shell.ts";

export const MARK_CHAIN = "LVS-FWMARK";
export const FTP_MASQ_CHAIN = "LVS-FTP-MASQ";
export const FTP_DATA_PORT = 20;

export interface MarkRule {
  readonly address: string;
  readonly protocol: "tcp" | "udp";
  /** A port or a `min:max` range. */
  readonly ports: string;
  readonly mark: number;
}

export function markRules(plan: RuntimePlan, options: BundleOptions): MarkRule[] {
  const rules: MarkRule[] = [];
  for (const s of plan.services) {
    if (s.fwmark === null) continue;
    for (const m of s.members) {
      rules.push({ address: m.address, protocol: m.protocol, ports: String(m.port), mark: s.fwmark });
      if (isFtp(m)) rules.push({ address: m.address, protocol: "tcp", ports: `${options.ftpPassive.min}:${options.ftpPassive.max}`, mark: s.fwmark });
    }
  }
  return rules;
}

/** Real servers of NAT FTP services: their active-mode data connections leave from port 20. */
export function ftpMasqueradeSources(plan: RuntimePlan): string[] {
  if (plan.method !== "nat") return [];
  const sources = new Set<string>();
  for (const s of plan.services) {
    if (!s.members.some(isFtp)) continue;
    for (const rs of s.servers) sources.add(rs.address);
  }
  return [...sources];
}

function portRange(ports: string): string {
  return ports
    .split(":")
    .map((p) => integer(Number(p), 0, 65535))
    .join(":");
}

/**
 * A rule in `iptables-save` form. The mark is `--set-mark` in decimal, the one spelling every
 * iptables reads: 1.3.5 (RHEL 5) knows no `--set-xmark`, and current ones print `--set-mark N`
 * back as `--set-xmark 0xN/0xffffffff`.
 */
export function markRuleLine(r: MarkRule): string {
  const mark = integer(r.mark, 1, 0xffffffff);
  return `-A ${MARK_CHAIN} -d ${address(r.address)}/32 -p ${r.protocol} -m ${r.protocol} --dport ${portRange(r.ports)} -j MARK --set-mark ${mark}`;
}

export function masqueradeLine(source: string): string {
  return `-A ${FTP_MASQ_CHAIN} -s ${address(source)}/32 -p tcp -m tcp --sport ${FTP_DATA_PORT} -j MASQUERADE`;
}

/** The rules file, or null when the configuration needs no netfilter rule. */
export function directorIptablesRules(plan: RuntimePlan, options: BundleOptions): string | null {
  const marks = markRules(plan, options);
  const masq = ftpMasqueradeSources(plan);
  if (marks.length === 0 && masq.length === 0) return null;
  const lines = ["# lvs-toolchain: load with iptables-restore --noflush; lvs-director start also hooks the chains in"];
  if (marks.length) lines.push("*mangle", `:${MARK_CHAIN} - [0:0]`, ...marks.map(markRuleLine), "COMMIT");
  if (masq.length) lines.push("*nat", `:${FTP_MASQ_CHAIN} - [0:0]`, ...masq.map(masqueradeLine), "COMMIT");
  return lines.join("\n") + "\n";
}
