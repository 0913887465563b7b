/** `--metrics`: the director's state in Prometheus' text format, over HTTP. */
import { createServer, type Server } from "node:http";
import type { DirectorStatus } from "./director.ts";
import type { FailoverStatus } from "./failover/node.ts";

/** The director's state, with the failover node's when there is one. */
export type MetricsStatus = DirectorStatus & { readonly failover?: FailoverStatus | null };

const STATE_VALUES = ["up", "down", "quiesced", "draining", "pending"] as const;

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function family(name: string, type: "gauge" | "counter", help: string, samples: readonly string[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

function failoverFamilies(f: FailoverStatus | null | undefined): string[] {
  if (!f) return [];
  const heard = f.partner?.lastHeartbeat;
  return [
    ...family("lvs_run_failover_active", "gauge", "1 while this director is active (holds the VIPs), 0 while it stands by.", [`lvs_run_failover_active{role="${f.role}"} ${f.active ? 1 : 0}`]),
    ...family("lvs_run_heartbeats_sent_total", "counter", "Heartbeats sent to the partner director.", [`lvs_run_heartbeats_sent_total ${f.heartbeatsSent}`]),
    ...family("lvs_run_heartbeats_received_total", "counter", "Heartbeats accepted from the partner director.", [`lvs_run_heartbeats_received_total ${f.heartbeatsReceived}`]),
    ...family("lvs_run_heartbeats_ignored_total", "counter", "Datagrams on the heartbeat port that were not the partner's heartbeat.", [`lvs_run_heartbeats_ignored_total ${f.heartbeatsIgnored}`]),
    ...(heard
      ? family("lvs_run_partner_heartbeat_timestamp_seconds", "gauge", "When the partner's last heartbeat arrived.", [`lvs_run_partner_heartbeat_timestamp_seconds ${(heard.at / 1000).toFixed(3)}`])
      : []),
  ];
}

export function metricsText(status: MetricsStatus): string {
  const servers = status.services.flatMap((s) => s.servers.map((rs) => ({ rs, labels: `service="${label(s.key)}",server="${label(`${rs.address}:${rs.port}`)}"` })));
  const lines = [
    ...family(
      "lvs_run_server_state",
      "gauge",
      "1 for the state each real server is in.",
      servers.flatMap(({ rs, labels }) => STATE_VALUES.map((st) => `lvs_run_server_state{${labels},state="${st}"} ${rs.state === st ? 1 : 0}`)),
    ),
    ...family("lvs_run_server_weight", "gauge", "The weight of each real server in the IPVS table.", servers.map(({ rs, labels }) => `lvs_run_server_weight{${labels}} ${rs.weight}`)),
    ...family("lvs_run_server_transitions_total", "counter", "Times each real server went in or out.", servers.map(({ rs, labels }) => `lvs_run_server_transitions_total{${labels}} ${rs.transitions}`)),
    ...family(
      "lvs_run_server_probe_shared_with",
      "gauge",
      "How many other services take their result for this real server from the same probe.",
      servers.map(({ rs, labels }) => `lvs_run_server_probe_shared_with{${labels}} ${rs.probeSharedWith.length}`),
    ),
    ...family(
      "lvs_run_checks_total",
      "counter",
      "Health checks run, by result.",
      servers.flatMap(({ rs, labels }) => [`lvs_run_checks_total{${labels},result="ok"} ${rs.checks - rs.checkFailures}`, `lvs_run_checks_total{${labels},result="failed"} ${rs.checkFailures}`]),
    ),
    ...family(
      "lvs_run_check_latency_seconds",
      "gauge",
      "How long the last check of each real server took.",
      servers.filter(({ rs }) => rs.lastCheck).map(({ rs, labels }) => `lvs_run_check_latency_seconds{${labels}} ${(rs.lastCheck!.latencyMs / 1000).toFixed(6)}`),
    ),
    ...family(
      "lvs_run_sorry_server_in",
      "gauge",
      "1 while a service's sorry server takes its traffic.",
      status.services.map((s) => `lvs_run_sorry_server_in{service="${label(s.key)}"} ${s.sorryServerUp ? 1 : 0}`),
    ),
    ...family("lvs_run_ipvsadm_calls_total", "counter", "ipvsadm commands run.", [`lvs_run_ipvsadm_calls_total ${status.ipvsadmCalls}`]),
    ...family("lvs_run_ipvsadm_failures_total", "counter", "ipvsadm commands that failed.", [`lvs_run_ipvsadm_failures_total ${status.ipvsadmFailures}`]),
    ...family("lvs_run_table_repairs_total", "counter", "Changes made to the bundle's IPVS services from outside and put back.", [`lvs_run_table_repairs_total ${status.tableRepairs}`]),
    ...failoverFamilies(status.failover),
  ];
  return lines.join("\n") + "\n";
}

/** `PORT` or `HOST:PORT`; the host defaults to the loopback address. */
export function metricsAddress(value: string): { host: string; port: number } | null {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535) return null;
  return { host: m[1]?.replace(/^\[(.*)\]$/, "$1") ?? "127.0.0.1", port };
}

export async function serveMetrics(address: { host: string; port: number }, status: () => MetricsStatus): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end("see /metrics\n");
      return;
    }
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(metricsText(status()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port, address.host, () => resolve());
  });
  return server;
}
