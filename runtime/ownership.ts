/**
 * Which IPVS services this lvs-run owns, recorded in its state directory so that the next run
 * knows them: a service an earlier run put in the table and the bundle no longer names is its
 * to remove; a service it never owned is never touched.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface OwnedService {
  readonly key: string;
  /** The arguments naming it for ipvsadm (`-t VIP:PORT`). */
  readonly ipvsadmService: readonly [string, string];
}

export interface Ownership {
  read(): OwnedService[];
  write(services: readonly OwnedService[]): void;
}

export const OWNED_FILE = "owned.json";

function isOwned(v: unknown): v is OwnedService {
  const o = v as OwnedService;
  return typeof o === "object" && o !== null && typeof o.key === "string" && Array.isArray(o.ipvsadmService) && o.ipvsadmService.length === 2 && o.ipvsadmService.every((w) => typeof w === "string");
}

/** The record in `stateDir`, written whole (a temporary file renamed over it). */
export function ownershipIn(stateDir: string): Ownership {
  const path = join(stateDir, OWNED_FILE);
  return {
    read() {
      try {
        const services = (JSON.parse(readFileSync(path, "utf8")) as { services?: unknown }).services;
        return Array.isArray(services) ? services.filter(isOwned) : [];
      } catch {
        return [];
      }
    },
    write(services) {
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify({ services: services.map((s) => ({ key: s.key, ipvsadmService: s.ipvsadmService })) }) + "\n", { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}
