/**
 * What the daemons make of a resolved configuration: the IPVS services lvsd creates, the real
 * servers and checks nanny runs, the addresses and heartbeat pulse handles. The plan is what
 * every generated file and the runtime work from.
 */
import type {
  CheckSettings,
  FloatingAddress,
  ForwardingMethod,
  HealthCheck,
  PlanFailover,
  PlanRealServer,
  PlanService,
  RuntimePlan,
  ServiceMember,
} from "../../runtime/manifest.ts";
import { persistenceOf, serviceKey, startedVirtuals } from "./lvsd.ts";
import { convertEscapes } from "./nanny.ts";
import type { LvsModel, ModelGlobal, ModelServer, ModelVirtual } from "./resolve.ts";
import { classfulMask, prefixLength } from "./values.ts";

const NO_ADDRESS = "0.0.0.0";
const HTTP_DEFAULT = { send: "GET / HTTP/1.0\r\n\r\n", expect: "HTTP" } as const;

/**
 * nanny's strings after its escape conversion, each converted once: a file's virtuals mostly
 * send and expect the same few.
 */
class Converted {
  private readonly done = new Map<string, string>();
  of(raw: string | null): string | null {
    if (raw === null) return null;
    let text = this.done.get(raw);
    if (text === undefined) this.done.set(raw, (text = convertEscapes(raw).text));
    return text;
  }
}

/** Split on single spaces as strtok does: runs of spaces separate, no empty words. */
function strtokSpaces(command: string): string[] {
  return command.split(" ").filter((w) => w !== "");
}

function healthCheck(v: ModelVirtual, converted: Converted): HealthCheck {
  const expect = converted.of(v.expect);
  if (v.send_program !== null) return { kind: "program", argv: strtokSpaces(v.send_program), expect };
  const send = converted.of(v.send);
  if (send === null && expect === null && v.port === 80) return { kind: "http-default", ...HTTP_DEFAULT };
  if (expect !== null) return { kind: "send-expect", send, expect, regex: v.use_regex !== 0 };
  return { kind: "connect", send };
}

/** lvsd's `-U`: `uptime` means rsh_command; rsh and ssh get `uptime` as the remote command. */
function loadMonitor(v: ModelVirtual, g: ModelGlobal): string[] | null {
  const cmd = v.load_monitor === "uptime" ? g.rsh_command : v.load_monitor;
  if (cmd === null || cmd === "none") return null;
  return cmd === "rsh" || cmd === "ssh" ? [cmd, "%h", "uptime"] : [cmd, "%h"];
}

function checkSettings(v: ModelVirtual, g: ModelGlobal, converted: Converted): CheckSettings {
  return {
    protocol: v.protocol === "udp" ? "udp" : "tcp",
    check: healthCheck(v, converted),
    interval: v.timeout,
    reentry: v.reentry,
    quiesce: v.quiesce_server !== 0,
    loadMonitor: loadMonitor(v, g),
  };
}

function realServer(s: ModelServer): PlanRealServer {
  return {
    name: s.name,
    address: s.address,
    port: s.port,
    weight: s.weight,
    // nanny adds a server at weight/32 (at least 1) and doubles it while it is below the weight.
    effectiveWeight: Math.max(1, s.weight),
    active: s.active === 1,
  };
}

function member(v: ModelVirtual): ServiceMember {
  return { virtual: v.name, address: v.address, protocol: v.protocol === "udp" ? "udp" : "tcp", port: v.port };
}

function service(v: ModelVirtual, key: string, method: ForwardingMethod, g: ModelGlobal, converted: Converted): PlanService {
  const protocol = v.protocol === "udp" ? "udp" : "tcp";
  const { timeout: persistence, pmask } = persistenceOf(v);
  return {
    key,
    ipvsadmService: v.fwmark !== 0 ? ["-f", String(v.fwmark)] : [protocol === "udp" ? "-u" : "-t", `${v.address}:${v.port}`],
    members: [member(v)],
    protocol,
    address: v.address,
    port: v.port,
    fwmark: v.fwmark !== 0 ? v.fwmark : null,
    scheduler: v.scheduler,
    persistence,
    pmask,
    method,
    sorryServer: v.sorry_server !== NO_ADDRESS ? v.sorry_server : null,
    check: checkSettings(v, g, converted),
    servers: v.servers.map(realServer),
  };
}

/** With no netmask (0.0.0.0) pulse's ifconfig gives the address its classful mask. */
function floating(address: string, device: string, netmask: string): FloatingAddress {
  const mask = netmask === NO_ADDRESS ? (classfulMask(address) ?? netmask) : netmask;
  return { address, device, baseDevice: device.split(":")[0]!, netmask: mask, prefix: prefixLength(mask) };
}

/** pulse brings up each VIP once, on the device of the first active virtual that names it. */
function vips(started: readonly ModelVirtual[]): FloatingAddress[] {
  const seen = new Map<string, FloatingAddress>();
  for (const v of started) {
    if (v.device === null || seen.has(v.address)) continue;
    seen.set(v.address, floating(v.address, v.device, v.vip_nmask));
  }
  return [...seen.values()];
}

function privateOf(address: string, privateAddress: string): string | null {
  return privateAddress === NO_ADDRESS || privateAddress === address ? null : privateAddress;
}

function failover(g: ModelGlobal): PlanFailover {
  const hasBackup = g.backup_active !== 0 && g.backup !== NO_ADDRESS;
  return {
    primary: { address: g.primary, privateAddress: privateOf(g.primary, g.primary_private) },
    backup: hasBackup ? { address: g.backup, privateAddress: privateOf(g.backup, g.backup_private) } : null,
    inactiveBackup: !hasBackup && g.backup !== NO_ADDRESS ? g.backup : null,
    heartbeatPort: g.heartbeat_port,
    keepalive: g.keepalive,
    deadtime: g.deadtime,
    monitorLinks: g.monitor_links !== 0 && hasBackup,
    activeCommand: g.active_cmd === null ? null : strtokSpaces(g.active_cmd),
    inactiveCommand: g.inactive_cmd === null ? null : strtokSpaces(g.inactive_cmd),
    hardShutdown: g.hard_shutdown !== 0,
  };
}

function forwardingMethod(network: string): ForwardingMethod {
  return network === "direct" || network === "tunnel" ? network : "nat";
}

/**
 * The plan for a configuration lvs-lint reports no error in. Of several active blocks with one
 * firewall mark, lvsd creates the service from the first and its `ipvsadm -A` fails for the
 * others, whose real servers then never get a nanny; they count only as members (the ports the
 * mark covers).
 */
export function buildPlan(model: LvsModel): RuntimePlan {
  const g = model.global;
  const method = forwardingMethod(g.network);
  const started = startedVirtuals(model);
  const services = new Map<string, PlanService>();
  const converted = new Converted();
  for (const v of started) {
    const key = serviceKey(v);
    const existing = services.get(key);
    if (existing) services.set(key, { ...existing, members: [...existing.members, member(v)] });
    else services.set(key, service(v, key, method, g, converted));
  }
  return {
    method,
    services: [...services.values()],
    vips: vips(started),
    natRouter: method === "nat" && g.nat_router?.device ? floating(g.nat_router.address, g.nat_router.device, g.nat_nmask) : null,
    failover: failover(g),
    syncDaemon: g.syncdaemon !== 0 ? { interface: g.syncd_iface, syncId: g.syncd_id & 0xff } : null,
    timeouts: { tcp: g.tcp_timeout, tcpfin: g.tcpfin_timeout, udp: g.udp_timeout },
    ipvsadm: g.ipvsadm,
  };
}
