/**
 * Debian's headless Chromium driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: commands on its fd 3, answers and events on its fd 4, each a JSON
 * message ended by a NUL byte). No browser is downloaded and no port is opened.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

export const CHROMIUM = process.env.CHROMIUM ?? "chromium";

export function chromiumAvailable(): boolean {
  return spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" }).status === 0;
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export interface PageLog {
  /** Console errors, uncaught exceptions and browser log errors (CSP violations among them). */
  readonly errors: string[];
  /** Every URL the page asked for. */
  readonly requests: string[];
}

export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>();
  private readonly listeners = new Map<string, Listener[]>();
  private buffered = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    const out = child.stdio[4] as Readable;
    out.setEncoding("utf8");
    out.on("data", (chunk: string) => {
      this.buffered += chunk;
      let end: number;
      while ((end = this.buffered.indexOf("\0")) >= 0) {
        const message = JSON.parse(this.buffered.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
        this.buffered = this.buffered.slice(end + 1);
        if (message.id !== undefined) {
          const call = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
          else call?.resolve(message.result ?? {});
        } else if (message.method) {
          for (const l of this.listeners.get(message.method) ?? []) l(message.params ?? {}, message.sessionId);
        }
      }
    });
  }

  static launch(): Browser {
    if (!chromiumAvailable()) throw new Error(`no ${CHROMIUM} to run: install Debian's chromium package (.ci/run does), or name one in CHROMIUM`);
    const dataDir = mkdtempSync(join(tmpdir(), "lvs-chromium-"));
    const args = [
      "--headless=new",
      "--remote-debugging-pipe",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--mute-audio",
      `--user-data-dir=${dataDir}`,
      "about:blank",
    ];
    const child = spawn(CHROMIUM, args, { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
    return new Browser(child, dataDir);
  }

  on(method: string, listener: Listener): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      (this.child.stdio[3] as Writable).write(message + "\0");
    });
  }

  /** A new tab, its log collected from the start. */
  async newPage(): Promise<Page> {
    const { targetId } = (await this.send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
    const { sessionId } = (await this.send("Target.attachToTarget", { targetId, flatten: true })) as { sessionId: string };
    const page = new Page(this, sessionId);
    for (const domain of ["Page", "Runtime", "Log", "Network"]) await this.send(`${domain}.enable`, {}, sessionId);
    return page;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.send("Browser.close").catch(() => {});
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export class Page {
  readonly log: PageLog = { errors: [], requests: [] };
  private loads = 0;

  constructor(
    private readonly browser: Browser,
    private readonly sessionId: string,
  ) {
    const mine = (f: (p: Record<string, unknown>) => void): Listener => (p, s) => void (s === sessionId && f(p));
    browser.on("Runtime.consoleAPICalled", mine((p) => {
      if (p.type === "error" || p.type === "assert") this.log.errors.push(`console.${String(p.type)}: ${JSON.stringify(p.args)}`);
    }));
    browser.on("Runtime.exceptionThrown", mine((p) => this.log.errors.push(`exception: ${JSON.stringify(p.exceptionDetails)}`)));
    browser.on("Log.entryAdded", mine((p) => {
      const entry = p.entry as { level: string; text: string; url?: string };
      if (entry.level === "error") this.log.errors.push(`log: ${entry.text} ${entry.url ?? ""}`);
    }));
    browser.on("Network.requestWillBeSent", mine((p) => this.log.requests.push((p.request as { url: string }).url)));
    browser.on("Page.loadEventFired", mine(() => void this.loads++));
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Opens `url` and waits for its load event. */
  async open(url: string, timeoutMs = 30_000): Promise<void> {
    const before = this.loads;
    await this.send("Page.navigate", { url });
    const until = Date.now() + timeoutMs;
    while (this.loads === before) {
      if (Date.now() > until) throw new Error(`${url} did not load within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The value of a JavaScript expression in the page (awaited when a promise). */
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })) as { result: { value: T }; exceptionDetails?: unknown };
    if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  }

  /** Width and height in CSS pixels, a phone's or a desktop's, and light or dark. */
  async emulate(width: number, height: number, dark: boolean, mobile = false): Promise<void> {
    await this.send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: mobile ? 2 : 1, mobile });
    await this.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: dark ? "dark" : "light" }] });
  }

  /** A PNG of the viewport. */
  async screenshot(): Promise<Buffer> {
    const { data } = (await this.send("Page.captureScreenshot", { format: "png" })) as { data: string };
    return Buffer.from(data, "base64");
  }
}
