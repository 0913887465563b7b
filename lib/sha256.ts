import { createHash } from "node:crypto";

/** The sha256 of `text` (UTF-8 for a string) in hex, as the manifest lists files and the status names a bundle. */
export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}
