/**
 * pulse's heartbeat on the wire: one UDP datagram holding a 4-byte unsigned magic number in
 * the sender's byte order (little-endian on x86, which is what a Piranha partner sends).
 */
import { endianness } from "node:os";

/** LVS mode: the sender is active. */
export const LVS_RUNNING = 0xbdaddbda;
/** LVS mode: the sender is up but standing by. */
export const LVS_STOPPED = 0xadbddabd;
/** Failover-services (fos) magics: a partner running pulse in the other mode sends these. */
export const FOS_MAGICS: readonly number[] = [0xbeefbabe, 0xdeadbeef, 0xdeaddada, 0xdeafbabe, 0xdeafdada];

export type PartnerState = "running" | "stopped";

export type Endianness = "LE" | "BE";

export function encodeHeartbeat(state: PartnerState, order: Endianness = endianness()): Buffer {
  const packet = Buffer.alloc(4);
  const magic = state === "running" ? LVS_RUNNING : LVS_STOPPED;
  if (order === "LE") packet.writeUInt32LE(magic);
  else packet.writeUInt32BE(magic);
  return packet;
}

export type HeartbeatVerdict =
  | { readonly accepted: true; readonly state: PartnerState }
  | { readonly accepted: false; readonly reason: string };

/** Whether a datagram from `from` is the partner's heartbeat, as pulse decides it. */
export function readHeartbeat(packet: Buffer, from: string, partnerAddresses: readonly string[], order: Endianness = endianness()): HeartbeatVerdict {
  if (!partnerAddresses.includes(from)) return { accepted: false, reason: `from ${from}, not the partner` };
  if (packet.length !== 4) return { accepted: false, reason: `${packet.length} bytes from ${from}, not 4` };
  const magic = order === "LE" ? packet.readUInt32LE(0) : packet.readUInt32BE(0);
  if (magic === LVS_RUNNING) return { accepted: true, state: "running" };
  if (magic === LVS_STOPPED) return { accepted: true, state: "stopped" };
  const hex = `0x${magic.toString(16).padStart(8, "0")}`;
  if (FOS_MAGICS.includes(magic)) return { accepted: false, reason: `failover-services heartbeat ${hex} from ${from}: the partner runs service = fos` };
  return { accepted: false, reason: `unknown heartbeat ${hex} from ${from}: the partner does not run identical services` };
}
