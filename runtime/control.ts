/**
 * The control socket of a running `lvs-run`: a Unix socket (mode 0600) in the state directory.
 * A client writes one line, `status`, `reload` or `plan PATH`, and reads one JSON line back.
 */
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { join } from "node:path";

export const SOCKET_NAME = "lvs-run.sock";

export type ControlRequest = "status" | "reload" | `plan ${string}`;

function asRequest(line: string): ControlRequest | null {
  if (line === "status" || line === "reload") return line;
  return /^plan \/\S/.test(line) ? (line as ControlRequest) : null;
}

export function socketPath(stateDir: string): string {
  return join(stateDir, SOCKET_NAME);
}

/** How long a connection may stay without a whole request before it is closed. */
export const CONTROL_IDLE_MS = 10_000;

/** Listens on the state directory's socket; `handle` answers each request with a JSON value. */
export async function listenControl(stateDir: string, handle: (request: ControlRequest) => Promise<unknown>, idleMs = CONTROL_IDLE_MS): Promise<Server> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = socketPath(stateDir);
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let buffered = "";
    socket.setEncoding("utf8");
    socket.on("error", () => socket.destroy());
    // A client that says nothing does not hold a connection for ever; the answer may take longer.
    socket.setTimeout(idleMs, () => {
      if (!answering) socket.destroy();
    });
    let answering = false;
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      if (buffered.length > 1024) return void socket.destroy();
      const end = buffered.indexOf("\n");
      if (end < 0) return;
      const line = buffered.slice(0, end).trim();
      const request = asRequest(line);
      if (request === null) return void socket.end(JSON.stringify({ error: `unknown request '${line.slice(0, 40)}'` }) + "\n");
      answering = true;
      handle(request).then(
        (answer) => socket.end(JSON.stringify(answer) + "\n"),
        (e: Error) => socket.end(JSON.stringify({ error: e.message }) + "\n"),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}

/** Sends one request to a running instance; rejects when none listens. */
export function askControl(stateDir: string, request: ControlRequest, timeoutMs = 5000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath(stateDir));
    let answer = "";
    socket.setEncoding("utf8");
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("no answer from lvs-run")));
    socket.on("connect", () => socket.write(`${request}\n`));
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(JSON.parse(answer));
      } catch {
        reject(new Error("lvs-run answered nothing readable"));
      }
    });
  });
}
