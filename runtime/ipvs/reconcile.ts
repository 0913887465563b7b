/**
 * The ipvsadm commands that turn the kernel's table into the desired one, for the services the
 * bundle owns. Services are edited in place (`-E`, `-e`) rather than deleted and added again, so
 * established connections survive a change of scheduler, persistence or weight.
 */
import type { ForwardingMethod } from "../manifest.ts";
import { addressPort, destinationPort, serviceArgs } from "./saved.ts";
import type { IpvsDestination, IpvsService, IpvsTable } from "./types.ts";

const METHOD_FLAG: Readonly<Record<ForwardingMethod, string>> = { nat: "-m", direct: "-g", tunnel: "-i" };

/** ipvsadm leaves the granularity of one client address out, and it only applies to persistence. */
function pmaskOf(s: IpvsService): string | null {
  return s.persistence === null || s.pmask === "255.255.255.255" ? null : s.pmask;
}

function sameService(a: IpvsService, b: IpvsService): boolean {
  return a.scheduler === b.scheduler && a.persistence === b.persistence && pmaskOf(a) === pmaskOf(b);
}

/** `-A`/`-E` with every setting: ipvsadm resets what an `-E` leaves out. */
function serviceCommand(command: "-A" | "-E", s: IpvsService): string[] {
  const args = [command, ...serviceArgs(s.key), "-s", s.scheduler];
  if (s.persistence !== null) args.push("-p", String(s.persistence));
  const pmask = pmaskOf(s);
  if (pmask !== null) args.push("-M", pmask);
  return args;
}

/** `-a`/`-e` with method and weight: ipvsadm takes `-g -w 1` for what an `-e` leaves out. */
function destinationCommand(command: "-a" | "-e", d: IpvsDestination): string[] {
  return [command, ...serviceArgs(d.service), "-r", addressPort(d.address, d.port), METHOD_FLAG[d.method], "-w", String(d.weight)];
}

function deleteDestination(d: IpvsDestination): string[] {
  return ["-d", ...serviceArgs(d.service), "-r", addressPort(d.address, d.port)];
}

/** The destination as the kernel keeps it, and its identity within its service. */
function atKernelPort(d: IpvsDestination): IpvsDestination {
  const port = destinationPort(d.service, d.method, d.port);
  return port === d.port ? d : { ...d, port };
}

function byServiceThenAddress(a: IpvsDestination, b: IpvsDestination): number {
  if (a.service !== b.service) return a.service < b.service ? -1 : 1;
  if (a.address !== b.address) return a.address < b.address ? -1 : 1;
  return a.port - b.port;
}

/**
 * The destinations of one service by address (the strings the table already holds, so no key
 * is built), each address with its ports; a service rarely has one address twice.
 */
class ServiceDestinations {
  private readonly byAddress = new Map<string, IpvsDestination | IpvsDestination[]>();

  get(address: string, port: number): IpvsDestination | undefined {
    const found = this.byAddress.get(address);
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return found.port === port ? found : undefined;
    return found.find((d) => d.port === port);
  }

  /** Keeps the first destination of each address and port. */
  add(d: IpvsDestination): void {
    const found = this.byAddress.get(d.address);
    if (found === undefined) this.byAddress.set(d.address, d);
    else if (!Array.isArray(found)) {
      if (found.port !== d.port) this.byAddress.set(d.address, [found, d]);
    } else if (!found.some((x) => x.port === d.port)) found.push(d);
  }

  *[Symbol.iterator](): IterableIterator<IpvsDestination> {
    for (const v of this.byAddress.values()) {
      if (Array.isArray(v)) yield* v;
      else yield v;
    }
  }
}

/** Destinations grouped by service; the first of duplicates wins. */
function destinationsByService(destinations: readonly IpvsDestination[], include: (service: string) => boolean): Map<string, ServiceDestinations> {
  const out = new Map<string, ServiceDestinations>();
  for (const raw of destinations) {
    if (!include(raw.service)) continue;
    const d = atKernelPort(raw);
    let byAddress = out.get(d.service);
    if (!byAddress) out.set(d.service, (byAddress = new ServiceDestinations()));
    byAddress.add(d);
  }
  return out;
}

function servicesByKey(services: readonly IpvsService[], include: (key: string) => boolean): Map<string, IpvsService> {
  const out = new Map<string, IpvsService>();
  for (const s of services) if (include(s.key) && !out.has(s.key)) out.set(s.key, s);
  return out;
}

/**
 * The fewest ipvsadm commands (arguments without the program) that make the services of
 * `owned` in `current` what they are in `desired`. Services outside `owned` are never touched,
 * nor added when `desired` lists them. Commands come in the order ipvsadm can run them: `-A`
 * and `-E`, then `-a` and `-e` (in the order of `desired`), then `-d`, then `-D` (sorted).
 * Destinations of a service that is deleted go with it.
 */
export function reconcile(current: IpvsTable, desired: IpvsTable, owned: ReadonlySet<string>): string[][] {
  const isOwned = (key: string): boolean => owned.has(key);
  const currentServices = servicesByKey(current.services, isOwned);
  const desiredServices = servicesByKey(desired.services, isOwned);
  const currentDestinations = destinationsByService(current.destinations, isOwned);
  const desiredDestinations = destinationsByService(desired.destinations, isOwned);
  for (const service of desiredDestinations.keys()) {
    if (!desiredServices.has(service)) throw new Error(`the desired table has destinations of ${service} but not the service`);
  }

  const services: string[][] = [];
  for (const want of desiredServices.values()) {
    const have = currentServices.get(want.key);
    if (!have) services.push(serviceCommand("-A", want));
    else if (!sameService(have, want)) services.push(serviceCommand("-E", want));
  }

  const destinations: string[][] = [];
  for (const [service, wanted] of desiredDestinations) {
    const present = currentServices.has(service) ? currentDestinations.get(service) : undefined;
    for (const want of wanted) {
      const have = present?.get(want.address, want.port);
      if (!have) destinations.push(destinationCommand("-a", want));
      else if (have.weight !== want.weight || have.method !== want.method) destinations.push(destinationCommand("-e", want));
    }
  }

  const removed: IpvsDestination[] = [];
  for (const [service, present] of currentDestinations) {
    const wanted = desiredDestinations.get(service);
    if (!currentServices.has(service) || !desiredServices.has(service)) continue;
    for (const have of present) if (!wanted?.get(have.address, have.port)) removed.push(have);
  }

  const deletedServices = [...currentServices.keys()].filter((key) => !desiredServices.has(key)).sort();
  return [...services, ...destinations, ...removed.sort(byServiceThenAddress).map(deleteDestination), ...deletedServices.map((key) => ["-D", ...serviceArgs(key)])];
}
