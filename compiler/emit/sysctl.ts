/** Kernel settings for the director and the real servers, as sysctl.conf files and script lines. */
import type { RuntimePlan } from "../../runtime/manifest.ts";

export interface SysctlSetting {
  readonly key: string;
  readonly value: string;
  /** Why the bundle sets it, for the comment above it. */
  readonly why: string;
}

export function directorSysctls(plan: RuntimePlan): SysctlSetting[] {
  const settings: SysctlSetting[] = [];
  if (plan.method === "nat") settings.push({ key: "net.ipv4.ip_forward", value: "1", why: "NAT: the director routes the real servers' replies" });
  if (plan.services.some((s) => s.check.quiesce && s.persistence !== null)) {
    settings.push({
      key: "net.ipv4.vs.expire_quiescent_template",
      value: "1",
      why: "a quiesced server (weight 0) must not keep its persistent clients",
    });
  }
  return settings;
}

/** What keeps a real server quiet about the VIPs it holds on lo or tunl0. */
export const ARP_SETTINGS: readonly SysctlSetting[] = [
  { key: "net.ipv4.conf.all.arp_ignore", value: "1", why: "answer ARP only for addresses of the interface asked (not the VIPs on lo)" },
  { key: "net.ipv4.conf.all.arp_announce", value: "2", why: "never use a VIP as the source of ARP requests" },
];

export const TUNNEL_SETTINGS: readonly SysctlSetting[] = [
  { key: "net.ipv4.conf.all.rp_filter", value: "0", why: "tunnelled packets arrive for the VIP on tunl0" },
  { key: "net.ipv4.conf.tunl0.rp_filter", value: "0", why: "tunnelled packets arrive for the VIP on tunl0" },
];

export function sysctlConf(settings: readonly SysctlSetting[], header: string): string {
  const lines = [`# ${header}`];
  for (const s of settings) lines.push(`# ${s.why}`, `${s.key} = ${s.value}`);
  return lines.join("\n") + "\n";
}
