/**
 * `--http [HOST:]PORT`: the director's state over HTTP, read-only. `/` is the status page,
 * `/status.json` the status (`lvs-run status --json`'s schema; the page asks for one page of
 * services at a time), `/metrics` Prometheus' text. Every answer carries the security headers;
 * with credentials, every route asks for them. Routes are a table of method and path, so that
 * actions (POST) can be added beside them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Credentials } from "./auth.ts";
import { statusPage } from "./page.ts";

export interface HttpSources {
  /** The status as `/status.json` answers `query`. */
  status(query: URLSearchParams): Promise<unknown>;
  metrics(): Promise<string>;
}

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

type Route = (query: URLSearchParams, sources: HttpSources) => Promise<Answer>;

const page = statusPage();

const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  "/": { GET: async () => ({ status: 200, type: "text/html; charset=utf-8", body: page.html }) },
  "/status.json": { GET: async (query, sources) => ({ status: 200, type: "application/json", body: JSON.stringify(await sources.status(query)) }) },
  "/metrics": { GET: async (_query, sources) => ({ status: 200, type: "text/plain; version=0.0.4", body: await sources.metrics() }) },
  // Browsers ask for it; an empty answer spares a 404 in their console.
  "/favicon.ico": { GET: async () => ({ status: 204, type: "text/plain", body: "" }) },
};

const HEADERS = {
  "content-security-policy": page.csp,
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
} as const;

function send(res: ServerResponse, answer: Answer, extra: Record<string, string> = {}): void {
  res.writeHead(answer.status, { ...HEADERS, "content-type": answer.type, ...extra });
  res.end(answer.body);
}

async function handle(req: IncomingMessage, res: ServerResponse, sources: HttpSources, credentials: Credentials | null): Promise<void> {
  if (credentials && !credentials.allows(req.headers.authorization)) {
    return send(res, { status: 401, type: "text/plain", body: "credentials required\n" }, { "www-authenticate": 'Basic realm="lvs-run", charset="UTF-8"' });
  }
  const url = new URL(req.url ?? "/", "http://director");
  const route = ROUTES[url.pathname];
  if (!route) return send(res, { status: 404, type: "text/plain", body: "not found: see / , /status.json or /metrics\n" });
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  const run = route[method];
  if (!run) return send(res, { status: 405, type: "text/plain", body: `${req.method} is not allowed here\n` }, { allow: Object.keys(route).join(", ") });
  const answer = await run(url.searchParams, sources);
  if (req.method === "HEAD") return send(res, { ...answer, body: "" });
  send(res, answer);
}

/** Whether `host` is a loopback address, which needs neither credentials nor --http-insecure. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function serveHttp(address: { host: string; port: number }, sources: HttpSources, credentials: Credentials | null): Promise<Server> {
  const server = createServer((req, res) => {
    handle(req, res, sources, credentials).catch((e: Error) => {
      if (!res.headersSent) send(res, { status: 500, type: "text/plain", body: `lvs-run: ${e.message}\n` });
      else res.destroy();
    });
  });
  // A client that opens a connection and says nothing does not hold it for ever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port, address.host, () => resolve());
  });
  return server;
}
