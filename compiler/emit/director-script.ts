/**
 * `director/lvs-director`: the director's init script. start applies the kernel settings, the
 * firewall marks and the IPVS table (and the VIPs when there is no backup director to share
 * them with); vip-up / vip-down move the VIPs, the NAT router address and the sync daemon
 * role, as pulse does on activation; stop removes exactly what start and vip-up added. On
 * rhel5 the script runs beside pulse and leaves the table, the VIPs and the sync daemon to it.
 */
import type { BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { announceFunction, floatingDown, floatingUp } from "./addresses.ts";
import { directorIptablesRules, FTP_MASQ_CHAIN, ftpMasqueradeSources, MARK_CHAIN, markRules } from "./director-firewall.ts";
import { activeServers, serverOptions, serviceOptions } from "./ipvsadm-rules.ts";
import { dispatch, IPTABLES_HOOK_FUNCTIONS, RESTORE_SYSCTLS_FUNCTION, restoreRules, scriptHeader, SET_SYSCTL_FUNCTION, STATUS_WHEN_STOPPED } from "./script-lib.ts";
import { device, integer, shCommand } from "./shell.ts";
import { directorSysctls } from "./sysctl.ts";

export const DIRECTOR_SCRIPT = "lvs-director";
const ACTIONS = ["start", "stop", "status", "vip-up", "vip-down"] as const;
const DEFAULT_IPVSADM = "/sbin/ipvsadm";

function serviceLabel(members: readonly { virtual: string | null }[]): string {
  return members.map((m) => (m.virtual === null ? "(unnamed)" : m.virtual)).join(", ");
}

function ipvsadmFunction(plan: RuntimePlan): string[] {
  // Piranha's default path is left to PATH: ipvsadm lives in /usr/sbin on current systems.
  if (plan.ipvsadm === DEFAULT_IPVSADM) return [];
  return ["ipvsadm() {", `\t${shCommand(plan.ipvsadm)} "$@"`, "}", ""];
}

function ipvsTable(plan: RuntimePlan): string[] {
  const lines = [
    "ipvs_service() {",
    '\tipvsadm -A "$@" 2>/dev/null || run ipvsadm -E "$@"',
    "}",
    "",
    "ipvs_server() {",
    '\tipvsadm -a "$@" 2>/dev/null || run ipvsadm -e "$@"',
    "}",
    "",
    "ipvs_up() {",
    "\tmodprobe ip_vs 2>/dev/null",
  ];
  const t = plan.timeouts;
  if (t.tcp || t.tcpfin || t.udp) {
    lines.push(
      '\tif [ ! -f "$STATE_DIR/timeouts" ]; then',
      "\t\tipvsadm -L --timeout | awk '/Timeout/ { print $(NF-2), $(NF-1), $NF }' >\"$STATE_DIR/timeouts\"",
      "\tfi",
      `\trun ${shCommand("ipvsadm", "--set", integer(t.tcp, 0, 0x7fffffff), integer(t.tcpfin, 0, 0x7fffffff), integer(t.udp, 0, 0x7fffffff))}`,
    );
  }
  for (const s of plan.services) {
    lines.push(`\tnote ${shCommand(`service ${s.key} (virtual ${serviceLabel(s.members)})`)}`);
    lines.push(`\tipvs_service ${shCommand(...serviceOptions(s))}`);
    for (const rs of activeServers(s)) lines.push(`\tipvs_server ${shCommand(...serverOptions(s, rs))}`);
  }
  lines.push("}", "", "ipvs_down() {");
  for (const s of plan.services) lines.push(`\tipvsadm -D ${shCommand(...s.ipvsadmService)} 2>/dev/null`);
  if (t.tcp || t.tcpfin || t.udp) {
    lines.push(
      '\tif [ -f "$STATE_DIR/timeouts" ]; then',
      '\t\tread -r tcp tcpfin udp <"$STATE_DIR/timeouts" && run ipvsadm --set "$tcp" "$tcpfin" "$udp"',
      '\t\trm -f "$STATE_DIR/timeouts"',
      "\tfi",
    );
  }
  lines.push("\treturn 0", "}", "");
  return lines;
}

/** The jumps from built-in chains to ours: table, built-in chain, our chain. */
function firewallHooks(plan: RuntimePlan, options: BundleOptions): [string, string, string][] {
  const hooks: [string, string, string][] = [];
  if (markRules(plan, options).length) hooks.push(["mangle", "PREROUTING", MARK_CHAIN]);
  if (ftpMasqueradeSources(plan).length) hooks.push(["nat", "POSTROUTING", FTP_MASQ_CHAIN]);
  return hooks;
}

function firewall(plan: RuntimePlan, options: BundleOptions): string[] {
  const rules = directorIptablesRules(plan, options);
  if (rules === null) return ["firewall_up() {", "\treturn 0", "}", "", "firewall_down() {", "\treturn 0", "}", ""];
  const hooks = firewallHooks(plan, options);
  const restore = restoreRules("director_rules", rules);
  return [
    ...IPTABLES_HOOK_FUNCTIONS,
    ...restore.functions,
    "firewall_up() {",
    `\t${restore.load}`,
    ...hooks.map((h) => `\thook ${h.join(" ")}`),
    "}",
    "",
    "firewall_down() {",
    ...hooks.map((h) => `\tunhook ${h.join(" ")}`),
    "\treturn 0",
    "}",
    "",
  ];
}

function syncDaemon(plan: RuntimePlan, role: "master" | "backup" | null): string[] {
  const d = plan.syncDaemon;
  if (!d) return [];
  const lines = ["\tipvsadm --stop-daemon master 2>/dev/null", "\tipvsadm --stop-daemon backup 2>/dev/null"];
  if (role) lines.push(`\trun ${shCommand("ipvsadm", "--start-daemon", role, "--mcast-interface", device(d.interface), "--syncid", integer(d.syncId, 0, 255))}`);
  return lines;
}

function command(argv: readonly string[] | null): string[] {
  return argv && argv.length ? [`\t${shCommand(...argv)} </dev/null >/dev/null 2>&1 &`] : [];
}

/**
 * On rhel5 Piranha's pulse keeps the IPVS table, the VIPs and the sync daemon (lvs-run cannot
 * run there): the script loads only what pulse lacks, and vip-up / vip-down stay for hand use.
 */
function besidePulse(options: BundleOptions): boolean {
  return options.target === "rhel5";
}

export function directorScript(plan: RuntimePlan, options: BundleOptions): string {
  const target = options.target;
  const addresses = [...plan.vips, ...(plan.natRouter ? [plan.natRouter] : [])];
  const table = !besidePulse(options);
  const standalone = plan.failover.backup === null;
  const sysctls = directorSysctls(plan);
  const hooks = firewallHooks(plan, options);
  const lines = [
    ...scriptHeader({
      name: DIRECTOR_SCRIPT,
      description: table ? "LVS director: IPVS services, firewall marks and virtual addresses" : "LVS director beside pulse: firewall marks and kernel settings",
      priorities: [26, 74],
    }),
    ...(table ? ipvsadmFunction(plan) : []),
    ...(sysctls.length ? SET_SYSCTL_FUNCTION : []),
    ...RESTORE_SYSCTLS_FUNCTION,
    ...(addresses.length ? announceFunction(target) : []),
    ...(table ? ipvsTable(plan) : []),
    ...firewall(plan, options),
    "vip_up() {",
    '\tmkdir -p "$STATE_DIR"',
    ...[...new Set(addresses.flatMap((a) => floatingUp(a, target)))].map((l) => `\t${l}`),
    ...command(plan.failover.activeCommand),
    ...(table ? syncDaemon(plan, "master") : []),
    '\t: >"$STATE_DIR/vips"',
    "}",
    "",
    "vip_down() {",
    ...command(plan.failover.inactiveCommand),
    ...addresses.flatMap((a) => floatingDown(a, target).map((l) => `\t${l}`)),
    ...(table ? syncDaemon(plan, plan.failover.backup ? "backup" : null) : []),
    '\trm -f "$STATE_DIR/vips"',
    "\treturn 0",
    "}",
    "",
    "start() {",
    '\tmkdir -p "$STATE_DIR" || exit 1',
    ...(table ? ["\tmodprobe ip_vs 2>/dev/null"] : []),
    ...sysctls.map((s) => `\tset_sysctl ${shCommand(s.key, s.value)}`),
    "\tfirewall_up",
    ...(table ? ["\tipvs_up", ...(standalone ? ["\tvip_up"] : syncDaemon(plan, "backup"))] : []),
    '\t: >"$STATE_DIR/started"',
    "}",
    "",
    "stop() {",
    '\tif [ -f "$STATE_DIR/vips" ]; then vip_down; fi',
    ...(table ? [...syncDaemon(plan, null), "\tipvs_down"] : []),
    "\tfirewall_down",
    "\trestore_sysctls",
    '\trm -f "$STATE_DIR/started"',
    "}",
    "",
    "status() {",
    ...STATUS_WHEN_STOPPED,
    ...(table
      ? plan.services.map((s) => `\tipvsadm -L -n ${shCommand(...s.ipvsadmService)} || failed=1`)
      : [
          ...sysctls.map((s) => `\t[ "$(sysctl -n ${shCommand(s.key)} 2>/dev/null)" = ${shCommand(s.value)} ] || failed=1`),
          // `-L -n`, not `-S`: iptables 1.3.5 has no -S. The first column is the target.
          ...hooks.map(([t, chain, ours]) => `\tiptables -t ${t} -n -L ${chain} | grep -q ${shCommand(`^${ours} `)} || failed=1`),
          `\tnote ${shCommand("pulse keeps the IPVS table and the VIPs")}`,
        ]),
    `\tif [ -f "$STATE_DIR/vips" ]; then note ${shCommand("active: this director holds the VIPs")}; else note ${shCommand("standing by: the VIPs are not up here")}; fi`,
    "}",
    "",
    ...dispatch(ACTIONS),
  ];
  return lines.join("\n") + "\n";
}
