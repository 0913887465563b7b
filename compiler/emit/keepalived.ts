/**
 * `--emit keepalived`: a keepalived.conf doing what pulse, lvsd and nanny do for one lvs.cf,
 * the way off Piranha since RHEL 7 replaced it by keepalived. Whatever keepalived cannot do
 * alike is a comment at its place in the file and a warning.
 */
import type { ForwardingMethod, PlanRealServer, PlanService, RuntimePlan } from "../../runtime/manifest.ts";
import { checker, checkerKind, checkNotes, type KeepalivedOptions } from "./keepalived-checks.ts";
import { blank, block, comment, isAddress, isWhole, line, render, shown, unmapped, warningsOf, type Item } from "./keepalived-syntax.ts";
import { BACKUP_ID, PRIMARY_ID, syncDaemon, vrrpInstance } from "./keepalived-vrrp.ts";

export type { KeepalivedOptions } from "./keepalived-checks.ts";

const LB_KIND: Record<ForwardingMethod, string> = { nat: "NAT", direct: "DR", tunnel: "TUN" };
const SCHEDULERS = new Set(["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos"]);
/** keepalived's limit for persistence_timeout and lvs_timeouts: 31 days. */
const MAX_TIMEOUT = 2678400;
const MAX_WEIGHT = 65535;

function header(plan: RuntimePlan, options: KeepalivedOptions): Item[] {
  const { primary, backup } = plan.failover;
  const misc = plan.services.some((s) => checkerKind(s.check) === "MISC_CHECK" && s.servers.some((rs) => rs.active));
  const intro = [
    comment(`keepalived.conf written by lvs-toolchain from the plan in ${shown(options.manifestPath)}:`),
    comment("what pulse, lvsd and nanny do for that lvs.cf. Comments mark where keepalived differs."),
    ...(misc
      ? [
          comment(`Its MISC_CHECKs run ${shown(options.lvsRun)} check with that manifest: both must be on each director`),
          comment("(npm install -g lvs-toolchain installs lvs-run; copy the bundle's manifest.json there)."),
        ]
      : []),
  ];
  if (backup === null) return intro;
  return [
    ...intro,
    comment(`Both directors use this file: run keepalived with -i ${PRIMARY_ID} on ${shown(primary.address)}`),
    comment(`and with -i ${BACKUP_ID} on ${shown(backup.address)} (KEEPALIVED_OPTIONS in /etc/sysconfig/keepalived).`),
  ];
}

const usesScripts = (plan: RuntimePlan): boolean =>
  plan.failover.activeCommand !== null ||
  plan.failover.inactiveCommand !== null ||
  plan.services.some((s) => checkerKind(s.check) === "MISC_CHECK" && s.servers.some((rs) => rs.active));

function ipvsTimeouts(plan: RuntimePlan): Item[] {
  const notes: Item[] = [];
  const parts: string[] = [];
  const { tcp, tcpfin, udp } = plan.timeouts;
  for (const [name, value] of [
    ["tcp", tcp],
    ["tcpfin", tcpfin],
    ["udp", udp],
  ] as const) {
    if (value === 0) continue;
    if (isWhole(value, 1, MAX_TIMEOUT)) parts.push(`${name} ${value}`);
    else notes.push(unmapped(`${name}_timeout = ${value}: keepalived takes 1 to ${MAX_TIMEOUT} s; left as the kernel has it`));
  }
  return parts.length === 0 ? notes : [...notes, line(`lvs_timeouts ${parts.join(" ")}`)];
}

function globalDefs(plan: RuntimePlan, hasInstance: boolean): Item {
  const routerId =
    plan.failover.backup === null
      ? [line(`router_id ${PRIMARY_ID}`)]
      : [line(`@${PRIMARY_ID} router_id ${PRIMARY_ID}`), line(`@${BACKUP_ID} router_id ${BACKUP_ID}`)];
  const scripts = usesScripts(plan) ? [comment("pulse and nanny run their commands as root"), line("enable_script_security"), line("script_user root")] : [];
  return block("global_defs", [
    ...routerId,
    ...scripts,
    comment("lvsd clears the whole IPVS table when it starts"),
    line("lvs_flush"),
    ...ipvsTimeouts(plan),
    ...syncDaemon(plan, hasInstance),
  ]);
}

function serviceHead(s: PlanService): string | null {
  if (s.fwmark !== null) return isWhole(s.fwmark, 1, 0xffffffff) ? `virtual_server fwmark ${s.fwmark}` : null;
  return isAddress(s.address) && isWhole(s.port, 0, 65535) ? `virtual_server ${s.address} ${s.port}` : null;
}

/** The port on the real_server line: none for a firewall mark without NAT, the service's with DR/TUN. */
function realServerPort(s: PlanService, rs: PlanRealServer): number | null {
  if (s.method === "nat") return rs.port;
  return s.fwmark === null ? s.port : null;
}

function realServer(s: PlanService, rs: PlanRealServer, options: KeepalivedOptions): Item[] {
  const name = `server ${shown(rs.name)}`;
  if (!isAddress(rs.address) || !isWhole(rs.port, 0, 65535)) {
    return [unmapped(`${name}: ${shown(rs.address)} port ${rs.port} is not an IPv4 address and port; left out`)];
  }
  const port = realServerPort(s, rs);
  const notes: Item[] = [comment(name)];
  if (rs.weight < 1) notes.push(comment(`weight = ${rs.weight} counts as 1 in nanny`));
  const weight = Math.min(rs.effectiveWeight, MAX_WEIGHT);
  if (weight !== rs.effectiveWeight) notes.push(unmapped(`${name}: weight = ${rs.weight} is more than IPVS takes; ${MAX_WEIGHT}`));
  const body = [
    line(`weight ${weight}`),
    ...(s.check.quiesce ? [line("inhibit_on_failure")] : []),
    checker(s, rs, port === rs.port ? null : rs.port, options),
  ];
  return [...notes, block(`real_server ${rs.address}${port === null ? "" : ` ${port}`}`, body)];
}

function realServers(s: PlanService, options: KeepalivedOptions): Item[] {
  const seen = new Set<string>();
  return s.servers.flatMap((rs): Item[] => {
    if (!rs.active) return [comment(`server ${shown(rs.name)} (${shown(rs.address)}:${rs.port}) is inactive`)];
    const key = `${rs.address} ${realServerPort(s, rs) ?? ""}`;
    if (seen.has(key)) return [unmapped(`server ${shown(rs.name)} repeats ${key.trim()}: lvsd's second nanny fails to add it; left out`)];
    seen.add(key);
    return realServer(s, rs, options);
  });
}

function serviceSettings(s: PlanService): Item[] {
  const items: Item[] = [];
  if (SCHEDULERS.has(s.scheduler)) items.push(line(`lb_algo ${s.scheduler}`));
  else items.push(unmapped(`scheduler = ${shown(s.scheduler)} is not one keepalived knows; it uses wlc`));
  items.push(line(`lb_kind ${LB_KIND[s.method]}`));
  if (s.fwmark === null) items.push(line(`protocol ${s.protocol.toUpperCase()}`));
  if (s.persistence !== null) {
    const timeout = Math.min(Math.max(1, s.persistence), MAX_TIMEOUT);
    if (timeout !== s.persistence) items.push(unmapped(`persistent = ${s.persistence}: keepalived takes 1 to ${MAX_TIMEOUT} s; ${timeout}`));
    items.push(line(`persistence_timeout ${timeout}`));
  }
  if (s.pmask !== null) {
    items.push(isAddress(s.pmask) ? line(`persistence_granularity ${s.pmask}`) : unmapped(`pmask = ${shown(s.pmask)} is not a netmask; left out`));
  }
  if (s.check.interval < 1) items.push(unmapped(`timeout = ${s.check.interval}: nanny cannot check with it; keepalived checks every second`));
  items.push(line(`delay_loop ${Math.max(1, s.check.interval)}`));
  items.push(comment("nanny checks at once when it starts and adds a server at its first successful check"), line("warmup 0"), line("alpha"));
  if (s.check.quiesce) items.push(comment("quiesce_server = 1: a failed server stays in the table at weight 0"));
  if (s.sorryServer !== null) {
    const port = s.fwmark !== null && s.method !== "nat" ? "" : ` ${s.port}`;
    items.push(
      isAddress(s.sorryServer)
        ? line(`sorry_server ${s.sorryServer}${port}`)
        : unmapped(`sorry_server = ${shown(s.sorryServer)} is not an IPv4 address; left out`),
    );
  }
  if (s.servers.some((rs) => rs.active && rs.effectiveWeight > 1)) {
    items.push(
      unmapped("nanny starts a server at weight/32 (at least 1) and doubles it about every 20 s up to its weight; keepalived sets the weight at once"),
    );
  }
  return items;
}

/** Comments naming the `virtual` blocks behind a service; a firewall mark's later blocks add nothing. */
function memberNotes(s: PlanService): Item[] {
  return s.members.map((m, i) => {
    const where = `virtual ${shown(m.virtual)}: ${m.protocol} ${shown(m.address)}:${m.port}`;
    if (i === 0) return comment(where);
    return comment(
      `${where} has the same firewall mark; lvsd creates the service from ${shown(s.members[0]!.virtual)} and never checks or adds this block's servers`,
    );
  });
}

function virtualServer(s: PlanService, options: KeepalivedOptions): Item[] {
  const head = serviceHead(s);
  if (head === null) return [unmapped(`service ${shown(s.key)} has no address, port or firewall mark keepalived takes; left out`)];
  const servers = realServers(s, options);
  if (!servers.some((item) => item.kind === "block")) {
    return [
      ...memberNotes(s),
      ...servers,
      unmapped(`${head}: no active real server; lvsd creates the empty service, keepalived ignores a virtual server without real servers`),
    ];
  }
  return [...memberNotes(s), block(head, [...serviceSettings(s), ...checkNotes(s), ...servers])];
}

function hardShutdown(plan: RuntimePlan): Item[] {
  if (!plan.failover.hardShutdown) return [];
  return [blank, unmapped("hard_shutdown = 1: when a nanny dies lvsd stops LVS and pulse fails over; keepalived restarts its checker process instead")];
}

export function keepalivedConf(plan: RuntimePlan, options: KeepalivedOptions): { text: string; warnings: string[] } {
  const vrrp = vrrpInstance(plan);
  const hasInstance = vrrp.some((item) => item.kind === "block");
  const items: Item[] = [
    ...header(plan, options),
    blank,
    globalDefs(plan, hasInstance),
    ...hardShutdown(plan),
    blank,
    ...vrrp,
    ...plan.services.flatMap((s) => [blank, ...virtualServer(s, options)]),
  ];
  return { text: render(items), warnings: warningsOf(items) };
}
