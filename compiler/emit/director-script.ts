/**
 * `director/lvs-director`: the director's init script. start applies the kernel settings, the
 * firewall marks and the IPVS table (and the VIPs when there is no backup director to share
 * them with); vip-up / vip-down move the VIPs, the NAT router address and the sync daemon
 * role, as pulse does on activation; stop removes exactly what start and vip-up added. On
 * rhel5 the script runs beside pulse and leaves the table, the VIPs and the sync daemon to it.
 */
import type { BundleOptions, FloatingAddress, RuntimePlan } from "../../runtime/manifest.ts";
import { announceFunction, floatingDown, floatingUp } from "./addresses.ts";
import { directorIptablesRules, FTP_MASQ_CHAIN, ftpMasqueradeSources, MARK_CHAIN, markRules } from "./director-firewall.ts";
import { INSTALLED_IPVSADM_RULES, IPVSADM_RULES } from "./ipvsadm-rules.ts";
import { dispatch, IPTABLES_HOOK_FUNCTIONS, RESTORE_SYSCTLS_FUNCTION, restoreRules, scriptHeader, SET_SYSCTL_FUNCTION, STATUS_WHEN_STOPPED } from "./script-lib.ts";
import { device, integer, shCommand } from "./shell.ts";
import { directorSysctls } from "./sysctl.ts";

export const DIRECTOR_SCRIPT = "lvs-director";
const ACTIONS = ["start", "stop", "status", "vip-up", "vip-down"] as const;
const DEFAULT_IPVSADM = "/sbin/ipvsadm";

function ipvsadmFunction(plan: RuntimePlan): string[] {
  // Piranha's default path is left to PATH: ipvsadm lives in /usr/sbin on current systems.
  if (plan.ipvsadm === DEFAULT_IPVSADM) return [];
  return ["ipvsadm() {", `\t${shCommand(plan.ipvsadm)} "$@"`, "}", ""];
}

/**
 * The table comes from ipvsadm.rules beside the script (else the installed bundle's): a line at a
 * time, each checked to hold only what `ipvsadm -S -n` writes and passed as arguments, never run.
 */
function ipvsTable(plan: RuntimePlan): string[] {
  const t = plan.timeouts;
  const timeouts = t.tcp || t.tcpfin || t.udp;
  return [
    `IPVS_RULES=\${0%/*}/${IPVSADM_RULES}`,
    `[ -f "$IPVS_RULES" ] || IPVS_RULES=${INSTALLED_IPVSADM_RULES}`,
    "",
    "# rules_checked: every line of the rules is one ipvsadm -S -n writes; else the first that is not is named",
    "rules_checked() {",
    '\tif [ ! -r "$IPVS_RULES" ]; then',
    "\t\tprintf 'lvs-director: cannot read %s\\n' \"$IPVS_RULES\" >&2",
    "\t\treturn 1",
    "\tfi",
    "\tn=0",
    "\twhile read -r op kind service rest; do",
    "\t\tn=$((n + 1))",
    "\t\tcase $op/$kind/$service in",
    "\t\t//) continue ;;",
    "\t\t-[Aa]/-[tuf]/[0-9]*) ;;",
    "\t\t*) op= ;;",
    "\t\tesac",
    '\t\tcase "$service $rest" in',
    "\t\t*[!0-9A-Za-z.:\\ -]*) op= ;;",
    "\t\tesac",
    '\t\tif [ -z "$op" ]; then',
    "\t\t\tprintf 'lvs-director: %s line %s: not a line of ipvsadm -S -n; nothing done\\n' \"$IPVS_RULES\" \"$n\" >&2",
    "\t\t\treturn 1",
    "\t\tfi",
    '\tdone <"$IPVS_RULES"',
    "}",
    "",
    "# ipvs_rules up|down|status: up adds each service and server (or edits it when there), down",
    "# deletes the services, status lists them. The lines are checked first, then passed as arguments.",
    "ipvs_rules() {",
    "\taction=$1",
    "\tif ! rules_checked; then",
    "\t\tfailed=1",
    "\t\treturn 1",
    "\tfi",
    "\tset -f",
    "\twhile read -r op kind service rest; do",
    '\t\t[ -n "$op" ] || continue',
    "\t\t# shellcheck disable=SC2086 # the options after the service: one argument per word",
    "\t\tset -- $rest",
    "\t\tcase $action/$op in",
    "\t\tup/-A)",
    '\t\t\tnote "service $kind $service"',
    '\t\t\tipvsadm -A "$kind" "$service" "$@" 2>/dev/null || run ipvsadm -E "$kind" "$service" "$@"',
    "\t\t\t;;",
    '\t\tup/-a) ipvsadm -a "$kind" "$service" "$@" 2>/dev/null || run ipvsadm -e "$kind" "$service" "$@" ;;',
    '\t\tdown/-A) ipvsadm -D "$kind" "$service" 2>/dev/null ;;',
    '\t\tstatus/-A) ipvsadm -L -n "$kind" "$service" || failed=1 ;;',
    "\t\tesac",
    '\tdone <"$IPVS_RULES"',
    "\tset +f",
    "}",
    "",
    "ipvs_up() {",
    "\tmodprobe ip_vs 2>/dev/null",
    ...(timeouts
      ? [
          '\tif [ ! -f "$STATE_DIR/timeouts" ]; then',
          "\t\tipvsadm -L --timeout | awk '/Timeout/ { print $(NF-2), $(NF-1), $NF }' >\"$STATE_DIR/timeouts\"",
          "\tfi",
          `\trun ${shCommand("ipvsadm", "--set", integer(t.tcp, 0, 0x7fffffff), integer(t.tcpfin, 0, 0x7fffffff), integer(t.udp, 0, 0x7fffffff))}`,
        ]
      : []),
    "\tipvs_rules up",
    "}",
    "",
    "ipvs_down() {",
    "\tipvs_rules down",
    ...(timeouts
      ? [
          '\tif [ -f "$STATE_DIR/timeouts" ]; then',
          '\t\tread -r tcp tcpfin udp <"$STATE_DIR/timeouts" && run ipvsadm --set "$tcp" "$tcpfin" "$udp"',
          '\t\trm -f "$STATE_DIR/timeouts"',
          "\tfi",
        ]
      : []),
    "\treturn 0",
    "}",
    "",
  ];
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

/**
 * Each address's commands, indented; with `once`, a command once however many addresses ask for
 * it (`ip link set … up`).
 */
function addressLines(addresses: readonly FloatingAddress[], commands: (a: FloatingAddress) => string[], once: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < addresses.length; i++) {
    const lines = commands(addresses[i]!);
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j]!;
      if (once) {
        if (seen.has(line)) continue;
        seen.add(line);
      }
      out.push(`\t${line}`);
    }
  }
  return out;
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
    ...addressLines(addresses, (a) => floatingUp(a, target), true),
    ...command(plan.failover.activeCommand),
    ...(table ? syncDaemon(plan, "master") : []),
    '\t: >"$STATE_DIR/vips"',
    "}",
    "",
    "vip_down() {",
    ...command(plan.failover.inactiveCommand),
    ...addressLines(addresses, (a) => floatingDown(a, target), false),
    ...(table ? syncDaemon(plan, plan.failover.backup ? "backup" : null) : []),
    '\trm -f "$STATE_DIR/vips"',
    "\treturn 0",
    "}",
    "",
    "start() {",
    ...(table ? ["\trules_checked || exit 1"] : []),
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
      ? ["\tipvs_rules status"]
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
