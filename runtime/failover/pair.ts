/**
 * Builds this host's failover node from the plan: its role, the heartbeat sockets, the links
 * to watch and what activation does.
 */
import type { RuntimePlan } from "../manifest.ts";
import { scriptActivator, type ScriptAction, type ServicesControl } from "./activation.ts";
import { linksOf, type LinkReport } from "./links.ts";
import { FailoverNode, type FailoverLog } from "./node.ts";
import { interfaceOf, type RoleDecision } from "./roles.ts";
import { openHeartbeat } from "./transport.ts";

export interface PairOptions {
  readonly plan: () => RuntimePlan;
  readonly decision: Extract<RoleDecision, { role: "master" | "backup" }>;
  readonly script: (action: ScriptAction) => Promise<void>;
  readonly services: ServicesControl;
  readonly arping: string | null;
  readonly failback: boolean;
  readonly forceActive: boolean;
  readonly log: FailoverLog;
}

export function failoverNode(options: PairOptions): { node: FailoverNode; close(): void } {
  const { decision } = options;
  const failover = options.plan().failover;
  const partner = decision.partner;
  const activator = scriptActivator({
    script: options.script,
    addresses: () => {
      const plan = options.plan();
      return [...plan.vips, ...(plan.natRouter ? [plan.natRouter] : [])];
    },
    activeCommand: () => options.plan().failover.activeCommand,
    services: options.services,
    arping: options.arping,
    log: (event, message, fields) => options.log(event, message, fields),
  });
  // pulse watches links only with a partner to hand over to.
  const watched = failover.monitorLinks && partner ? [decision.self.address, decision.self.privateAddress].filter((a): a is string => a !== null) : [];
  const node = new FailoverNode({
    config: { role: decision.role, hasPartner: partner !== null, deadtimeMs: failover.deadtime * 1000, failback: options.failback },
    self: decision.self,
    partner,
    keepaliveMs: Math.max(1, failover.keepalive) * 1000,
    forceActive: options.forceActive,
    transport: partner
      ? (onDatagram, onError) => openHeartbeat({ self: decision.self, partner, port: failover.heartbeatPort, onDatagram, onError })
      : null,
    activator,
    links: watched.length ? watchedLinks(watched) : null,
    log: options.log,
  });
  return { node, close: () => activator.close() };
}

/**
 * The links of the interfaces holding `addresses`. An interface is found while its link is up
 * (the system lists only running interfaces' addresses) and then kept; an address on no
 * interface yet counts as a good link, as pulse counts it.
 */
function watchedLinks(addresses: readonly string[]): () => LinkReport {
  const devices = new Map<string, string>();
  return () => {
    for (const a of addresses) {
      if (devices.has(a)) continue;
      const device = interfaceOf(a);
      if (device) devices.set(a, device);
    }
    return linksOf([...new Set(devices.values())]);
  };
}
