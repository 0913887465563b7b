/**
 * `director/ipvsadm.rules`: the IPVS table in the form `ipvsadm -S -n` prints and `ipvsadm -R`
 * reads. lvs-director reads it too and runs its lines one at a time, adding or editing.
 */
import type { ForwardingMethod, PlanRealServer, PlanService, RuntimePlan } from "../../runtime/manifest.ts";
import { destinationPort } from "../../lib/ipvs.ts";
import { LineText } from "./line-text.ts";
import { address, integer } from "./shell.ts";
import { BUNDLE_DIR } from "./systemd.ts";

export const IPVSADM_RULES = "ipvsadm.rules";
/** Where the bundle's README installs it on a director; lvs-director reads it there by default. */
export const INSTALLED_IPVSADM_RULES = `${BUNDLE_DIR}/director/${IPVSADM_RULES}`;

const METHOD_FLAG: Record<ForwardingMethod, string> = { nat: "-m", direct: "-g", tunnel: "-i" };

function serviceArgs(s: PlanService): string[] {
  const [flag, value] = s.ipvsadmService;
  if (flag === "-f") return [flag, integer(Number(value), 1, 0xffffffff)];
  return [flag, `${address(s.address)}:${integer(s.port, 0, 65535)}`];
}

/** What follows the service on its `-A` line: its scheduler and persistence. */
function serviceOptions(s: PlanService): string[] {
  const args = ["-s", scheduler(s.scheduler)];
  if (s.persistence !== null) args.push("-p", integer(s.persistence, 1, 0x7fffffff));
  if (s.pmask !== null) args.push("-M", address(s.pmask));
  return args;
}

function scheduler(name: string): string {
  if (!/^[a-z]{1,15}$/.test(name)) throw new Error(`'${name}' is not a scheduler name`);
  return name;
}

/** Up to this many servers, a service's are compared with each other rather than kept in a set. */
const FEW_SERVERS = 16;

function listed(servers: readonly PlanRealServer[], rs: PlanRealServer): boolean {
  for (let i = 0; i < servers.length; i++) if (servers[i]!.port === rs.port && servers[i]!.address === rs.address) return true;
  return false;
}

/** The servers nanny adds (active ones), each address and port once. */
function activeServers(s: PlanService): PlanRealServer[] {
  const out: PlanRealServer[] = [];
  const servers = s.servers;
  if (servers.length <= FEW_SERVERS) {
    for (let i = 0; i < servers.length; i++) if (servers[i]!.active && !listed(out, servers[i]!)) out.push(servers[i]!);
    return out;
  }
  const seen = new Set<string>();
  for (const rs of s.servers) {
    const key = `${rs.address}:${rs.port}`;
    if (!rs.active || seen.has(key)) continue;
    seen.add(key);
    out.push(rs);
  }
  return out;
}

export function ipvsadmRules(plan: RuntimePlan): string {
  return ipvsadmRuleLines(plan).text();
}

export function ipvsadmRuleLines(plan: RuntimePlan): LineText {
  const text = new LineText();
  // Index loops: a line per real server, and an iterator each costs collections.
  const services = plan.services;
  for (let k = 0; k < services.length; k++) {
    const s = services[k]!;
    const service = serviceArgs(s).join(" ");
    text.push(["-A", service, ...serviceOptions(s)].join(" "));
    const head = `-a ${service} -r `;
    const flag = ` ${METHOD_FLAG[s.method]} -w `;
    const active = activeServers(s);
    // What follows a server's address, made again only when its port differs from the last one's.
    let port = -1;
    let tail = "";
    for (let i = 0; i < active.length; i++) {
      const rs = active[i]!;
      const to = destinationPort(s.method, s.fwmark !== null, s.port, rs.port);
      if (to !== port) tail = `:${integer((port = to), 0, 65535)}${flag}`;
      text.push(`${head}${address(rs.address)}${tail}${integer(rs.effectiveWeight, 0, 65535)}`);
    }
  }
  return text;
}
