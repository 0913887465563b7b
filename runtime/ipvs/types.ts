/** The IPVS table as the runtime sees it: what `ipvsadm -S -n` lists, keyed like the plan. */
import type { ForwardingMethod } from "../manifest.ts";

export interface IpvsService {
  /** `tcp:VIP:PORT`, `udp:VIP:PORT` or `fwmark:MARK`, as PlanService.key. */
  readonly key: string;
  readonly scheduler: string;
  /** Seconds, null when the service is not persistent. */
  readonly persistence: number | null;
  /** Null for the default granularity (255.255.255.255). */
  readonly pmask: string | null;
}

export interface IpvsDestination {
  /** The key of its service. */
  readonly service: string;
  readonly address: string;
  readonly port: number;
  readonly method: ForwardingMethod;
  readonly weight: number;
}

export interface IpvsTable {
  readonly services: readonly IpvsService[];
  readonly destinations: readonly IpvsDestination[];
}

/** Connection counts of one destination, from `ipvsadm -L -n`. */
export interface DestinationConnections {
  readonly service: string;
  readonly address: string;
  readonly port: number;
  readonly active: number;
  readonly inactive: number;
}

/** The kernel's counters of a service or a destination since it was added (`ipvsadm -L --stats`). */
export interface TrafficCounters {
  readonly conns: number;
  readonly inPkts: number;
  readonly outPkts: number;
  readonly inBytes: number;
  readonly outBytes: number;
}

export interface IpvsStats {
  /** By service key. */
  readonly services: ReadonlyMap<string, TrafficCounters>;
  /** By `destinationKey`. */
  readonly destinations: ReadonlyMap<string, TrafficCounters>;
}

/** Where the runtime reads and changes the kernel's table. */
export interface IpvsBackend {
  /** The whole table (`ipvsadm -S -n`). */
  read(): Promise<IpvsTable>;
  /** Connection counts of every destination (`ipvsadm -L -n`). */
  connections(): Promise<DestinationConnections[]>;
  /** The traffic counters (`ipvsadm -L -n --stats --exact`); absent where there are none. */
  stats?(): Promise<IpvsStats>;
  /** The connection sync daemons the kernel runs (`ipvsadm -L --daemon`); absent where unknown. */
  daemons?(): Promise<Array<"master" | "backup">>;
  /** One ipvsadm command, arguments without the program (`["-a", "-t", "10.0.0.1:80", …]`). */
  run(args: readonly string[]): Promise<void>;
  /**
   * Several commands in one run (`ipvsadm -R`); rejects when any of them failed, after which
   * the table must be read again to know which did. Absent where commands run one by one.
   */
  runBatch?(commands: ReadonlyArray<readonly string[]>): Promise<void>;
}
