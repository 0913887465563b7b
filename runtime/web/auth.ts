/**
 * `--http-auth FILE`: HTTP Basic authentication of the status page and the metrics. The file
 * holds one line, `USER:HASH`, as `lvs-run http-password USER` prints it; the hash is scrypt's
 * (`$scrypt$N=16384,r=8,p=1$SALT$KEY`, base64). A verified Authorization header is remembered,
 * so that a page refreshing every second does not pay scrypt every time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const LINE = /^([^:\s]+):\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+=*)\$([A-Za-z0-9+/]+=*)$/;
const REMEMBERED = 16;

export interface Credentials {
  readonly user: string;
  /** Whether an Authorization header names this user with the right password. */
  allows(header: string | undefined): boolean;
}

/** The line `--http-auth` reads for `user` and `password`. */
export function passwordLine(user: string, password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, KEY_BYTES, { ...COST, maxmem: 64 * 1024 * 1024 });
  return `${user}:$scrypt$N=${COST.N},r=${COST.r},p=${COST.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Reads an auth file; throws an Error saying what is wrong, with the file and line. */
export function readCredentials(path: string): Credentials {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`--http-auth ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const lines = text.split("\n").map((l) => l.trim());
  const at = lines.findIndex((l) => l !== "" && !l.startsWith("#"));
  const m = at < 0 ? null : LINE.exec(lines[at]!);
  if (!m) throw new Error(`${path}:${at < 0 ? 1 : at + 1}: not a USER:HASH line as 'lvs-run http-password USER' prints it`);
  const [, user, n, r, p, salt, key] = m;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (cost.N < 2 || (cost.N & (cost.N - 1)) !== 0 || cost.N > 1 << 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16)
    throw new Error(`${path}:${at + 1}: the scrypt cost N=${n},r=${r},p=${p} is out of range`);
  const expected = Buffer.from(key!, "base64");
  const saltBytes = Buffer.from(salt!, "base64");
  const remembered = new Set<string>();
  return {
    user: user!,
    allows(header) {
      if (!header?.startsWith("Basic ")) return false;
      if (remembered.has(header)) return true;
      const decoded = Buffer.from(header.slice("Basic ".length).trim(), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) return false;
      const given = scryptSync(decoded.slice(colon + 1), saltBytes, expected.length, { ...cost, maxmem: 256 * 1024 * 1024 });
      const ok = decoded.slice(0, colon) === user && timingSafeEqual(given, expected);
      if (ok) {
        if (remembered.size >= REMEMBERED) remembered.clear();
        remembered.add(header);
      }
      return ok;
    },
  };
}
