/**
 * The bundle's README.md, per target: what runs the checks and the failover, which bundle
 * pieces run beside it, then what to copy where, in the order an administrator types it.
 */
import type { BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { plainDottedQuadValue } from "../model/values.ts";
import { DIRECTOR_SCRIPT } from "./director-script.ts";
import { DEFAULT_LVS_RUN } from "./keepalived-checks.ts";
import { ftpServices, INSTALLED_REALSERVER_DATA, REALSERVER_DATA } from "./realserver-data.ts";
import { REALSERVER_SCRIPT } from "./realserver-script.ts";
import { BUNDLE_DIR, LVS_RUN_WATCHDOG_S, SCRIPT_DIR } from "./systemd.ts";
import { vsftpdFile } from "./vsftpd.ts";

const METHOD_TEXT = { nat: "NAT (masquerading)", direct: "direct routing", tunnel: "IP-in-IP tunnelling" } as const;
const ARP_TEXT = {
  arptables: "arptables rules drop ARP requests for the VIPs and never announce them",
  iptables: "no VIP on the server: an iptables REDIRECT of the VIP's ports to the server itself",
  sysctl: "arp_ignore = 1 and arp_announce = 2",
} as const;
const SHOWN_ADDRESSES = 8;

/** Distinct addresses: the first few, and how many there are. */
interface Addresses {
  readonly first: readonly string[];
  readonly count: number;
}

/** Addresses for a heading or a list item: the first few, then how many more. */
function listed({ first, count }: Addresses, none: string): string {
  if (count === 0) return none;
  const shown = first.slice(0, SHOWN_ADDRESSES).join(", ");
  const more = count - SHOWN_ADDRESSES;
  return more > 0 ? `${shown} and ${more} more (see \`${REALSERVER_DATA}\`)` : shown;
}

/**
 * Every real server's address once: the first few in order, and how many. Plain dotted quads are
 * counted as sorted numbers (far quicker than a set of strings for many), anything else apart.
 */
function realServerAddresses(plan: RuntimePlan): Addresses {
  const services = plan.services;
  const first: string[] = [];
  for (let i = 0; i < services.length && first.length < SHOWN_ADDRESSES; i++) {
    for (const rs of services[i]!.servers) if (first.length < SHOWN_ADDRESSES && !first.includes(rs.address)) first.push(rs.address);
  }
  let total = 0;
  for (let i = 0; i < services.length; i++) total += services[i]!.servers.length;
  const numbers = new Int32Array(total);
  const others = new Set<string>();
  let n = 0;
  for (let i = 0; i < services.length; i++) {
    const servers = services[i]!.servers;
    for (let j = 0; j < servers.length; j++) {
      const value = plainDottedQuadValue(servers[j]!.address);
      if (value === null) others.add(servers[j]!.address);
      else numbers[n++] = value;
    }
  }
  const sorted = numbers.subarray(0, n).sort();
  let count = others.size;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return { first, count };
}

function duties(plan: RuntimePlan, options: BundleOptions): string[] {
  if (options.target === "rhel5") {
    return [
      "On RHEL 5, Piranha's `pulse` (with `lvsd` and `nanny`) keeps the IPVS table, brings the VIPs up,",
      "runs the health checks and fails over: `lvs-run` cannot run there (Node.js 20 needs a newer glibc",
      "than RHEL 5's 2.5). This bundle supplies what Piranha lacks: `lvs-director` loads the kernel",
      "settings and the firewall marks and leaves the table and the VIPs to pulse; `lvs-realserver` sets",
      "up the real servers.",
    ];
  }
  return [
    `\`lvs-run\` keeps the IPVS table, runs the health checks and ${plan.failover.backup ? "moves the VIPs between the directors" : "holds the VIPs"}`,
    "(or keepalived, with the configuration `lvs-compile --emit keepalived` writes). Piranha's `pulse`",
    "must not run beside either. `lvs-director` loads the kernel settings, the firewall marks and the",
    "IPVS table at boot; `lvs-run` then keeps the table and calls `lvs-director vip-up` / `vip-down`.",
    "`lvs-realserver` sets up the real servers.",
  ];
}

function directorSteps(plan: RuntimePlan, options: BundleOptions): string[] {
  const copy = `install -d ${BUNDLE_DIR} && cp -R ./. ${BUNDLE_DIR}/`;
  if (options.target === "rhel5") {
    return [
      "```sh",
      copy,
      "install -m 0600 lvs.cf /etc/sysconfig/ha/lvs.cf",
      `install -m 0755 director/${DIRECTOR_SCRIPT} /etc/rc.d/init.d/${DIRECTOR_SCRIPT}`,
      `chkconfig --add ${DIRECTOR_SCRIPT} && service ${DIRECTOR_SCRIPT} start`,
      "chkconfig pulse on && service pulse start",
      "```",
      "",
      `\`${DIRECTOR_SCRIPT} start\` applies \`director/sysctl.conf\` and the firewall marks of \`director/iptables.rules\``,
      "(when there is one), touching no other rule or setting. Without pulse, `ipvsadm -R < director/ipvsadm.rules`",
      `loads the same table by hand, and \`${DIRECTOR_SCRIPT} vip-up\` / \`vip-down\` move the VIPs.`,
    ];
  }
  return [
    "```sh",
    copy,
    `install -m 0755 director/${DIRECTOR_SCRIPT} ${SCRIPT_DIR}/${DIRECTOR_SCRIPT}`,
    `install -m 0644 director/${DIRECTOR_SCRIPT}.service /etc/systemd/system/${DIRECTOR_SCRIPT}.service`,
    `install -m 0644 director/lvs-run.service /etc/systemd/system/lvs-run.service`,
    "systemctl disable --now pulse 2>/dev/null",
    `systemctl daemon-reload && systemctl enable --now ${DIRECTOR_SCRIPT} lvs-run`,
    "```",
    "",
    `\`lvs-run.service\` runs \`lvs-run${plan.failover.backup ? "" : " --standalone"} ${BUNDLE_DIR}\`, restarts it when it fails, and when its`,
    `event loop stops answering for ${LVS_RUN_WATCHDOG_S} s (systemd's watchdog); \`systemctl reload lvs-run\` re-reads the bundle.`,
    `It starts \`${DEFAULT_LVS_RUN}\`: install lvs-toolchain on the director with Node.js 20 or`,
    "later (`npm install -g` in its checkout puts it there with npm's default prefix), or change",
    "`ExecStart` to where it is.",
    "",
    `\`${DIRECTOR_SCRIPT} start\` applies \`director/sysctl.conf\`, the firewall marks of \`director/iptables.rules\``,
    "(when there is one) and the IPVS table of `director/ipvsadm.rules`, touching no other service, rule or setting.",
    plan.failover.backup
      ? "With a backup director the VIPs are left to failover (`lvs-run`)."
      : "There is no backup director, so `start` also brings the VIPs up (`vip-up`).",
  ];
}

function realServerSteps(plan: RuntimePlan, options: BundleOptions): string[] {
  const install =
    options.target === "rhel5"
      ? [`install -m 0755 ${REALSERVER_SCRIPT} /etc/rc.d/init.d/${REALSERVER_SCRIPT}`, `chkconfig --add ${REALSERVER_SCRIPT} && service ${REALSERVER_SCRIPT} start`]
      : [
          `install -m 0755 ${REALSERVER_SCRIPT} ${SCRIPT_DIR}/${REALSERVER_SCRIPT}`,
          `install -m 0644 ${REALSERVER_SCRIPT}.service /etc/systemd/system/${REALSERVER_SCRIPT}.service`,
          `systemctl daemon-reload && systemctl enable --now ${REALSERVER_SCRIPT}`,
        ];
  const how =
    plan.method === "direct"
      ? `Direct routing; ARP: ${ARP_TEXT[options.drArp]}.`
      : plan.method === "tunnel"
        ? "IP-in-IP tunnelling: the VIPs on tunl0, with arp_ignore, arp_announce and rp_filter set for it."
        : plan.natRouter
          ? `NAT: the default route goes via the NAT router ${plan.natRouter.address}.`
          : "NAT, and lvs.cf names no `nat_router`: set each real server's default route to the director by hand.";
  const lines = [
    how,
    "",
    "The same files go to every real server, from the `realserver` folder:",
    "",
    "```sh",
    `install -d ${BUNDLE_DIR} && install -m 0644 ${REALSERVER_DATA} ${INSTALLED_REALSERVER_DATA}`,
    ...install,
    "```",
    "",
    `\`${REALSERVER_SCRIPT} plan\` prints, changing nothing, what \`start\` does on that host. \`start\` applies the`,
    `lines of \`${REALSERVER_DATA}\` whose first field is one of the host's own addresses (\`--address A\` names`,
    "another); `stop` undoes what `start` did; `status` exits 0 when set up, 3 when stopped, 1 when a piece is missing.",
  ];
  const ftp = ftpServices(plan);
  if (ftp.length) {
    lines.push("", "FTP: merge the vsftpd settings into `/etc/vsftpd/vsftpd.conf` on the real servers of each FTP service:", "");
    for (const s of ftp) lines.push(`- \`${vsftpdFile(s)}\` on ${listed({ first: s.servers, count: s.servers.length }, "no server")}`);
  }
  return lines;
}

export function bundleReadme(plan: RuntimePlan, options: BundleOptions, paths: readonly string[]): string {
  const f = plan.failover;
  const directors = f.backup ? `${f.primary.address} (primary) and ${f.backup.address} (backup)` : `${f.primary.address}`;
  return [
    "# LVS bundle",
    "",
    `Generated by lvs-toolchain from \`lvs.cf\` for the ${options.target} target. Forwarding: ${METHOD_TEXT[plan.method]}.`,
    "Regenerate it with `lvs-compile` rather than editing the files; `lvs-compile --check` tells whether it is current.",
    "",
    "## What runs the checks and the failover",
    "",
    ...duties(plan, options),
    "",
    `## Directors: ${directors}`,
    "",
    "On each director, from the bundle's folder:",
    "",
    ...directorSteps(plan, options),
    "",
    `## Real servers: ${listed(realServerAddresses(plan), "none is listed in a virtual server")}`,
    "",
    ...realServerSteps(plan, options),
    "",
    "## Files",
    "",
    ...paths.map((p) => `- \`${p}\``),
    "",
    "`manifest.json` lists every file with its sha256, the options used and the plan `lvs-run` carries out.",
    "",
    "## Upgrading from a bundle with a folder per real server",
    "",
    "Bundles of manifest schema 1 had `realservers/ADDRESS/` folders. On each real server, stop and remove the old",
    `service first (\`service ${REALSERVER_SCRIPT} stop\` or \`systemctl disable --now ${REALSERVER_SCRIPT}\`: the unit and script`,
    `names are the same), then install the kit above. \`lvs-compile -o\` replaces an old bundle folder as a whole.`,
    "",
  ].join("\n");
}
