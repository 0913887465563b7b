/**
 * `lvs-run`: runs a bundle on the director (health checks and the IPVS table, daemon.ts), or
 * talks to a running instance (`status`, `reload`), or runs one check (`check`, for
 * keepalived's MISC_CHECK; commands.ts). How a bundle directory or an lvs.cf becomes a plan is
 * given by the caller.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkCommand, controlCommand, RunUsageError } from "./commands.ts";
import { runDaemon, type DaemonIO, type PlanLoader } from "./daemon.ts";
import { metricsAddress } from "./metrics.ts";
import { passwordLine } from "./web/auth.ts";
import { isLoopback } from "./web/server.ts";
import { TABLE_REREAD_MS } from "./director.ts";

export { RunUsageError, formatStatus, type RunStatus } from "./commands.ts";
export { readBundle, type LoadedBundle, type PlanLoader } from "./daemon.ts";

export const RUN_USAGE = `Usage: lvs-run [options] BUNDLE_DIR|lvs.cf
       lvs-run status [--json] [--state-dir DIR]
       lvs-run reload [--state-dir DIR]
       lvs-run plan [--json] [--state-dir DIR] BUNDLE_DIR|lvs.cf
       lvs-run check --manifest FILE --service KEY --server ADDRESS:PORT
       lvs-run http-password USER < PASSWORD

Runs on the director in the foreground, as Piranha's pulse, lvsd and nanny: exchanges
heartbeats with the partner director and, while this one is active, holds the VIPs,
health-checks every active real server and keeps the IPVS services of the bundle in step
(nothing else in the table is touched). SIGHUP or 'lvs-run reload' re-reads the bundle;
SIGTERM stops, removing the services and the VIPs.

Options:
      --standalone            no failover: active at once, the VIPs left alone
      --failback              a returning primary takes the VIPs back from an active backup
      --force-active          become active at start (the backup then yields), as pulse's --forceactive
      --arping PATH           the iputils arping sending gratuitous ARPs (default arping; '' for none)
      --state-dir DIR         where the control socket lives (default /run/lvs-run)
      --log-format text|json  one line per event on standard output (default text)
      --dry-run               print the ipvsadm commands instead of running them
      --ipvsadm PATH          the ipvsadm to run (default: the manifest's)
      --drain-timeout SECONDS a removed server leaves after its connections end or this long (60)
      --resync SECONDS        read the kernel's table this often and put back what was changed
                              from outside in the bundle's services (10)
      --keep-on-exit          leave the IPVS services in place when stopping
      --http [HOST:]PORT      serve the status page at /, the status at /status.json and
                              Prometheus metrics at /metrics (host 127.0.0.1 unless given;
                              --metrics is another name for it)
      --http-auth FILE        ask for the user and password in FILE (HTTP Basic), a line
                              'lvs-run http-password USER' prints; needed off loopback
      --http-insecure         serve off loopback without credentials
  -h, --help                  show this help
`;

const DEFAULT_STATE_DIR = "/run/lvs-run";

export type RunIO = DaemonIO;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "state-dir": { type: "string" },
        "log-format": { type: "string" },
        "dry-run": { type: "boolean" },
        ipvsadm: { type: "string" },
        "drain-timeout": { type: "string" },
        resync: { type: "string" },
        "keep-on-exit": { type: "boolean" },
        standalone: { type: "boolean" },
        failback: { type: "boolean" },
        "force-active": { type: "boolean" },
        arping: { type: "string" },
        http: { type: "string" },
        metrics: { type: "string" },
        "http-auth": { type: "string" },
        "http-insecure": { type: "boolean" },
        json: { type: "boolean" },
        manifest: { type: "string" },
        service: { type: "string" },
        server: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new RunUsageError((e as Error).message.split("\n")[0]!);
  }
}

export async function runMain(argv: string[], io: RunIO, loadPlan: PlanLoader): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const stateDir = values["state-dir"] ?? DEFAULT_STATE_DIR;
  const [first] = positionals;
  if (first === "status" || first === "reload") return controlCommand(stateDir, first, values.json ?? false, io);
  if (first === "plan") {
    if (positionals.length !== 2) throw new RunUsageError("plan takes the bundle directory or lvs.cf a reload would read");
    return controlCommand(stateDir, `plan ${resolve(positionals[1]!)}`, values.json ?? false, io);
  }
  if (first === "http-password") {
    if (positionals.length !== 2 || !/^[^:\s]+$/.test(positionals[1]!)) throw new RunUsageError("http-password takes one user name (no ':' or blanks) and reads the password on standard input");
    const password = (await io.stdin()).split("\n")[0]!.replace(/\r$/, "");
    if (password === "") throw new RunUsageError("http-password reads the password on standard input: give one");
    io.stdout(passwordLine(positionals[1]!, password) + "\n");
    return 0;
  }
  if (first === "check") {
    if (!values.manifest || !values.service || !values.server) throw new RunUsageError("check needs --manifest, --service and --server");
    return checkCommand(values.manifest, values.service, values.server, io);
  }
  if (positionals.length !== 1) throw new RunUsageError("give one bundle directory or lvs.cf");
  const format = values["log-format"] ?? "text";
  if (format !== "text" && format !== "json") throw new RunUsageError(`--log-format takes text or json, not '${format}'`);
  if (values.http !== undefined && values.metrics !== undefined) throw new RunUsageError("--metrics is another name for --http: give one");
  const httpOption = values.http !== undefined ? "--http" : "--metrics";
  const httpValue = values.http ?? values.metrics;
  const httpAt = httpValue === undefined ? null : metricsAddress(httpValue);
  if (httpValue !== undefined && httpAt === null) throw new RunUsageError(`${httpOption} takes [HOST:]PORT, not '${httpValue}'`);
  if ((values["http-auth"] !== undefined || values["http-insecure"]) && httpAt === null) throw new RunUsageError("--http-auth and --http-insecure go with --http");
  if (values["http-auth"] !== undefined && values["http-insecure"]) throw new RunUsageError("--http-auth and --http-insecure exclude each other");
  if (httpAt && !isLoopback(httpAt.host) && values["http-auth"] === undefined && !values["http-insecure"])
    throw new RunUsageError(`${httpOption} ${httpValue} listens off loopback: give --http-auth FILE (see 'lvs-run http-password'), or --http-insecure`);
  const drain = Number(values["drain-timeout"] ?? 60);
  if (!Number.isFinite(drain) || drain < 0) throw new RunUsageError(`--drain-timeout takes seconds, not '${values["drain-timeout"]}'`);
  const resync = Number(values.resync ?? TABLE_REREAD_MS / 1000);
  if (!Number.isFinite(resync) || resync < 0.1 || resync > 3600) throw new RunUsageError(`--resync takes seconds from 0.1 to 3600, not '${values.resync}'`);
  return runDaemon(
    {
      source: first!,
      stateDir,
      logFormat: format,
      httpAt,
      httpAuth: values["http-auth"] ?? null,
      drainTimeoutMs: drain * 1000,
      resyncMs: Math.round(resync * 1000),
      dryRun: values["dry-run"] ?? false,
      ipvsadm: values.ipvsadm ?? null,
      standalone: values.standalone ?? false,
      failback: values.failback ?? false,
      forceActive: values["force-active"] ?? false,
      arping: values.arping === "" ? null : (values.arping ?? "arping"),
      keepOnExit: values["keep-on-exit"] ?? false,
    },
    io,
    loadPlan,
  );
}
