/**
 * `realservers/ADDRESS/lvs-realserver`: what a real server needs to take the director's traffic.
 * Direct routing: the VIPs on lo aliases and ARP kept quiet (arptables, sysctl), or no VIP and
 * an iptables REDIRECT; tunnelling: the VIPs on tunl0; NAT: the NAT router as default gateway.
 */
import type { BundleOptions, Target } from "../../runtime/manifest.ts";
import { hostAddressDown, hostAddressPresent, hostAddressUp } from "./addresses.ts";
import { arpRules, REDIRECT_CHAIN, redirectIptablesRules } from "./realserver-files.ts";
import { vipAddresses, type RealServerRole } from "./roles.ts";
import { dispatch, IPTABLES_HOOK_FUNCTIONS, RESTORE_SYSCTLS_FUNCTION, restoreRules, scriptHeader, SET_SYSCTL_FUNCTION, STATUS_WHEN_STOPPED } from "./script-lib.ts";
import { address, shCommand } from "./shell.ts";
import { realServerSysctls } from "./sysctl.ts";

export const REALSERVER_SCRIPT = "lvs-realserver";
const ACTIONS = ["start", "stop", "status"] as const;

interface Parts {
  readonly functions: string[];
  readonly up: string[];
  readonly down: string[];
  /** Commands whose success means the server is set up. */
  readonly checks: string[];
}

function vipDevice(role: RealServerRole): string | null {
  if (role.method === "tunnel") return "tunl0";
  return role.method === "direct" ? "lo" : null;
}

function hostVips(role: RealServerRole, options: BundleOptions): Parts {
  const dev = vipDevice(role);
  if (dev === null || (role.method === "direct" && options.drArp === "iptables")) return { functions: [], up: [], down: [], checks: [] };
  const vips = vipAddresses(role);
  return {
    functions: [],
    up: vips.map((vip, i) => hostAddressUp(vip, dev, i, options.target)),
    down: vips.map((vip, i) => hostAddressDown(vip, dev, i, options.target)),
    checks: vips.map((vip) => hostAddressPresent(vip, dev, options.target)),
  };
}

/** tunl0 exists once the ipip module is loaded; its sysctls only then. */
function tunnelDevice(role: RealServerRole, target: Target): string[] {
  if (role.method !== "tunnel") return [];
  const lines = ["modprobe ipip 2>/dev/null"];
  if (target === "modern") lines.push(`run ${shCommand("ip", "link", "set", "dev", "tunl0", "up")}`);
  return lines;
}

function arpSuppression(role: RealServerRole, options: BundleOptions): Parts {
  if (role.method !== "direct" || options.drArp !== "arptables") return { functions: [], up: [], down: [], checks: [] };
  const rules = arpRules(role, options.target);
  return {
    functions: [
      "# arp_rule CHAIN MATCH...: the rule once, whatever was there before",
      "arp_rule() {",
      '\twhile arptables -D "$@" 2>/dev/null; do :; done',
      '\trun arptables -A "$@"',
      "}",
      "",
    ],
    up: rules.map((r) => `arp_rule ${shCommand(...r)}`),
    down: rules.map((r) => `while ${shCommand("arptables", "-D", ...r)} 2>/dev/null; do :; done`),
    // Each VIP stands in the rules listing, in arptables_jf's format and in current arptables'.
    checks: vipAddresses(role).map((vip) => `arptables -L -n 2>/dev/null | grep -qF -- ${shCommand(address(vip))}`),
  };
}

function redirect(role: RealServerRole, options: BundleOptions): Parts {
  if (role.method !== "direct" || options.drArp !== "iptables") return { functions: [], up: [], down: [], checks: [] };
  const restore = restoreRules("redirect_rules", redirectIptablesRules(role, options));
  return {
    functions: [...IPTABLES_HOOK_FUNCTIONS, ...restore.functions],
    up: [restore.load, `hook nat PREROUTING ${REDIRECT_CHAIN}`],
    down: [`unhook nat PREROUTING ${REDIRECT_CHAIN}`],
    // `-L -n`, not `-S`: iptables 1.3.5 (RHEL 5) has no -S. The first column is the target.
    checks: [`iptables -t nat -n -L PREROUTING | grep -q ${shCommand(`^${REDIRECT_CHAIN} `)}`],
  };
}

function gateway(role: RealServerRole, target: Target): Parts {
  if (role.gateway === null) return { functions: [], up: [], down: [], checks: [] };
  const gw = address(role.gateway);
  if (target === "rhel5") {
    return {
      functions: [],
      up: [
        'if [ ! -f "$STATE_DIR/gateway" ]; then',
        "\troute -n | awk '$1 == \"0.0.0.0\" { print $2; exit }' >\"$STATE_DIR/gateway\"",
        "fi",
        "route del default 2>/dev/null",
        `run ${shCommand("route", "add", "default", "gw", gw)}`,
      ],
      down: [
        'old=$(cat "$STATE_DIR/gateway" 2>/dev/null)',
        `${shCommand("route", "del", "default", "gw", gw)} 2>/dev/null`,
        'if [ -n "$old" ]; then run route add default gw "$old"; fi',
        'rm -f "$STATE_DIR/gateway"',
      ],
      checks: [`route -n | awk '$1 == "0.0.0.0" { print $2 }' | grep -qx ${shCommand(gw.replace(/\./g, "\\."))}`],
    };
  }
  return {
    functions: [],
    up: [
      'if [ ! -f "$STATE_DIR/gateway" ]; then',
      "\tip route show default | awk '$1 == \"default\" && $2 == \"via\" { print $3; exit }' >\"$STATE_DIR/gateway\"",
      "fi",
      `run ${shCommand("ip", "route", "replace", "default", "via", gw)}`,
    ],
    down: [
      'old=$(cat "$STATE_DIR/gateway" 2>/dev/null)',
      'if [ -n "$old" ]; then',
      '\trun ip route replace default via "$old"',
      "else",
      `\t${shCommand("ip", "route", "del", "default", "via", gw)} 2>/dev/null`,
      "fi",
      'rm -f "$STATE_DIR/gateway"',
    ],
    checks: [`ip route show default | grep -q ${shCommand(`via ${gw} `)}`],
  };
}

const indent = (lines: readonly string[]): string[] => lines.map((l) => `\t${l}`);

export function realServerScript(role: RealServerRole, options: BundleOptions): string {
  const sysctls = realServerSysctls(role, options);
  const parts = [hostVips(role, options), arpSuppression(role, options), redirect(role, options), gateway(role, options.target)];
  // ARP suppression comes before the VIPs appear, and goes after they are gone.
  const [vips, arp, redir, gw] = parts;
  const lines = [
    ...scriptHeader({
      name: REALSERVER_SCRIPT,
      description: `LVS real server ${address(role.address)}: takes traffic for the virtual addresses`,
      priorities: [25, 75],
    }),
    ...(sysctls.length ? SET_SYSCTL_FUNCTION : []),
    ...RESTORE_SYSCTLS_FUNCTION,
    ...parts.flatMap((p) => p.functions),
    "start() {",
    '\tmkdir -p "$STATE_DIR" || exit 1',
    ...indent(tunnelDevice(role, options.target)),
    ...sysctls.map((s) => `\tset_sysctl ${shCommand(s.key, s.value)}`),
    ...indent(arp!.up),
    ...(vips!.up.length
      ? [
          // A VIP up without ARP kept quiet answers the clients' ARP requests: better none at all.
          '\tif [ "$failed" != 0 ]; then',
          `\t\tnote ${shCommand("the settings that keep ARP quiet about the VIPs did not all apply: no VIP is brought up")}`,
          "\t\tstop",
          "\t\texit 1",
          "\tfi",
        ]
      : []),
    ...indent(vips!.up),
    ...indent(redir!.up),
    ...indent(gw!.up),
    '\t: >"$STATE_DIR/started"',
    "}",
    "",
    "stop() {",
    ...indent(gw!.down),
    ...indent(redir!.down),
    ...indent(vips!.down),
    ...indent(arp!.down),
    "\trestore_sysctls",
    '\trm -f "$STATE_DIR/started"',
    "\treturn 0",
    "}",
    "",
    "status() {",
    ...STATUS_WHEN_STOPPED,
    ...sysctls.map((s) => `\t[ "$(sysctl -n ${shCommand(s.key)} 2>/dev/null)" = ${shCommand(s.value)} ] || failed=1`),
    ...parts.flatMap((p) => p.checks).map((c) => `\t${c} || failed=1`),
    '\tif [ "$failed" = 0 ]; then note running; else note "started, but not all settings are in place"; fi',
    "}",
    "",
    ...dispatch(ACTIONS),
  ];
  return lines.join("\n") + "\n";
}
