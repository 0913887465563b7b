/**
 * The heartbeat sockets: one bound to this director's address on the heartbeat port, and a
 * second on its private address when it has one, each sending to the partner's matching address.
 */
import { createSocket, type Socket } from "node:dgram";
import type { PlanDirector } from "../manifest.ts";
import { encodeHeartbeat, type PartnerState } from "./heartbeat.ts";

export interface HeartbeatTransport {
  send(state: PartnerState): void;
  close(): void;
}

export interface TransportOptions {
  readonly self: PlanDirector;
  readonly partner: PlanDirector | null;
  readonly port: number;
  readonly onDatagram: (packet: Buffer, from: string) => void;
  readonly onError: (message: string) => void;
}

function bind(address: string, port: number, options: TransportOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: "udp4", reuseAddr: false });
    const refuse = (e: Error) => {
      socket.close();
      reject(new Error(`cannot bind the heartbeat socket to ${address}:${port}: ${e.message}`));
    };
    socket.once("error", refuse);
    socket.on("message", (packet, rinfo) => options.onDatagram(packet, rinfo.address));
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off("error", refuse);
      socket.on("error", (e) => options.onError(`heartbeat socket ${address}:${port}: ${e.message}`));
      resolve(socket);
    });
  });
}

export async function openHeartbeat(options: TransportOptions): Promise<HeartbeatTransport> {
  const { self, partner, port } = options;
  const routes: Array<{ socket: Socket; to: string | null }> = [{ socket: await bind(self.address, port, options), to: partner?.address ?? null }];
  if (self.privateAddress) {
    try {
      routes.push({ socket: await bind(self.privateAddress, port, options), to: partner?.privateAddress ?? null });
    } catch (e) {
      routes[0]!.socket.close();
      throw e;
    }
  }
  return {
    send(state) {
      const packet = encodeHeartbeat(state);
      for (const { socket, to } of routes) {
        if (to) socket.send(packet, port, to, (e) => e && options.onError(`heartbeat to ${to}:${port}: ${e.message}`));
      }
    },
    close() {
      for (const { socket } of routes) socket.close();
    },
  };
}
