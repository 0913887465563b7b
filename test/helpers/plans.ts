/** Hand-built runtime plans for the runtime's tests and benchmark: NAT services of TCP real servers. */
import type { PlanRealServer, PlanService, RuntimePlan } from "../../runtime/manifest.ts";

/** A NAT TCP service on VIP:80 with its real servers; any field can be replaced. */
export function natService(vip: string, servers: readonly PlanRealServer[], extra: Partial<PlanService> = {}): PlanService {
  return {
    key: `tcp:${vip}:80`,
    ipvsadmService: ["-t", `${vip}:80`],
    members: [{ virtual: "web", address: vip, protocol: "tcp", port: 80 }],
    protocol: "tcp",
    address: vip,
    port: 80,
    fwmark: null,
    scheduler: "wlc",
    persistence: null,
    pmask: null,
    method: "nat",
    sorryServer: null,
    check: { protocol: "tcp", check: { kind: "connect", send: null }, interval: 1, reentry: 2, quiesce: false, loadMonitor: null },
    servers,
    ...extra,
  };
}

/** An active real server of weight `weight`. */
export function realServer(name: string, address: string, port: number, weight: number): PlanRealServer {
  return { name, address, port, weight, effectiveWeight: weight, active: true };
}

/** A NAT plan of `services` on one director without a backup. */
export function natPlan(services: readonly PlanService[], extra: Partial<RuntimePlan> = {}): RuntimePlan {
  return {
    method: "nat",
    services,
    vips: [],
    natRouter: null,
    failover: {
      primary: { address: "10.0.0.1", privateAddress: null },
      backup: null,
      inactiveBackup: null,
      heartbeatPort: 539,
      keepalive: 6,
      deadtime: 18,
      monitorLinks: false,
      activeCommand: null,
      inactiveCommand: null,
      hardShutdown: false,
    },
    syncDaemon: null,
    timeouts: { tcp: 0, tcpfin: 0, udp: 0 },
    ipvsadm: "/sbin/ipvsadm",
    ...extra,
  };
}
