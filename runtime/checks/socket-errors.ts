/** A socket's or a process's error as one short line for a check's outcome. */

export function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

export function errorText(e: unknown): string {
  return errorCode(e) ?? (e instanceof Error ? e.message : String(e));
}

export function connectErrorText(e: unknown): string {
  const code = errorCode(e);
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET") return "reset";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return `failed: ${code === "EHOSTUNREACH" ? "host" : "network"} unreachable`;
  return `failed: ${errorText(e)}`;
}
