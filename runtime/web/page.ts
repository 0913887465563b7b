/**
 * The status page: one HTML document with its style and script inline, and the
 * Content-Security-Policy that allows exactly those two by their sha256 and nothing else (no
 * other origin, no eval, no frames around it).
 */
import { createHash } from "node:crypto";
import { PAGE_SCRIPT } from "./page-script.ts";

const STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --fg: #1c2126; --muted: #5d6670; --line: #dde1e6;
  --ok: #17803d; --warn: #a15c00; --bad: #c0262d; --mark: #fff3b0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111417; --card: #1b2025; --fg: #e4e8ec; --muted: #9aa4ae; --line: #2e353c;
    --ok: #4cc27a; --warn: #f0a63a; --bad: #ff6b6b; --mark: #5a4d12; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header { position: sticky; top: 0; z-index: 1; background: var(--card); border-bottom: 1px solid var(--line); padding: 10px 16px; }
h1 { font-size: 16px; margin: 0 8px 0 0; display: inline; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); margin-top: 4px; }
.facts .active { color: var(--ok); font-weight: 600; }
.facts .standby { color: var(--warn); font-weight: 600; }
.tools { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-top: 8px; }
.tools input[type=search] { flex: 1 1 220px; min-width: 0; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); font: inherit; }
.chips span { margin-right: 10px; }
.chips .warn, .warn { color: var(--warn); font-weight: 600; }
.chips .bad, .bad { color: var(--bad); font-weight: 600; }
button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid var(--line); background: var(--card); color: var(--fg); }
button:disabled { opacity: 0.4; }
main { padding: 12px 16px; display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 16px; }
@media (max-width: 1000px) { main { grid-template-columns: minmax(0, 1fr); } }
.service { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 12px; overflow: hidden; }
.service .head { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; padding: 8px 12px; border-bottom: 1px solid var(--line); }
.service h2 { font-size: 15px; margin: 0; font-family: ui-monospace, monospace; }
.service .virtuals, .service .sched, .service .traffic { color: var(--muted); }
.health { font-weight: 700; text-transform: uppercase; font-size: 12px; padding: 1px 6px; border-radius: 4px; border: 1px solid currentColor; }
.h-up { color: var(--ok); } .h-degraded { color: var(--warn); } .h-down { color: var(--bad); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 4px 12px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { color: var(--muted); font-weight: 500; font-size: 12px; }
td.addr { font-family: ui-monospace, monospace; }
.st-up { color: var(--ok); font-weight: 600; } .st-down { color: var(--bad); font-weight: 600; }
.st-quiesced, .st-draining, .st-pending { color: var(--warn); font-weight: 600; }
.changed { animation: mark 2.5s ease-out; }
@keyframes mark { from { background: var(--mark); } to { background: transparent; } }
.pager { display: flex; gap: 8px; align-items: center; margin-bottom: 10px; color: var(--muted); }
aside { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; align-self: start; }
aside h2 { font-size: 14px; margin: 0 0 6px; }
#events { list-style: none; margin: 0; padding: 0; }
#events li { padding: 4px 0; border-bottom: 1px solid var(--line); display: grid; grid-template-columns: auto 1fr; gap: 0 8px; }
#events time { color: var(--muted); }
#events span { grid-column: 1 / -1; overflow-wrap: anywhere; }
.ev-server-down, .ev-hard-shutdown, .ev-reload-refused, .ev-ipvsadm-failed { color: var(--bad); }
.ev-server-up, .ev-take-over { color: var(--ok); }
@media (max-width: 640px) {
  header { position: static; }
  main { padding: 8px; }
  table thead { display: none; }
  table tr { display: grid; grid-template-columns: 1fr 1fr; padding: 6px 12px; border-bottom: 1px solid var(--line); }
  table td { border: 0; padding: 1px 0; white-space: normal; }
  table td::before { content: attr(data-label) ": "; color: var(--muted); }
  table td.addr { grid-column: 1 / -1; font-weight: 600; }
  table td.addr::before { content: ""; }
}
`;

const BODY = `
<header>
  <h1>lvs-run</h1><span id="director"></span>
  <div class="facts"><span id="partner"></span><span id="sync"></span><span id="bundle"></span><span id="conn"></span></div>
  <div class="tools">
    <input id="filter" type="search" placeholder="Filter: VIP, virtual server, real server, state" aria-label="Filter">
    <label><input id="problems" type="checkbox"> problems only</label>
    <span class="chips"><span id="sum-up"></span><span id="sum-degraded"></span><span id="sum-down"></span><span id="sum-servers"></span></span>
  </div>
</header>
<main>
  <div>
    <div class="pager"><button id="prev" type="button">previous</button><span id="range"></span><button id="next" type="button">next</button></div>
    <p id="empty" hidden>No service matches.</p>
    <div id="services"></div>
  </div>
  <aside><h2>Events</h2><ol id="events"></ol></aside>
</main>
`;

const hash = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export interface StatusPage {
  readonly html: string;
  readonly csp: string;
}

export function statusPage(): StatusPage {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lvs-run status</title>
<style>${STYLE}</style>
</head>
<body>${BODY}<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(PAGE_SCRIPT)}`,
    `style-src ${hash(STYLE)}`,
    "connect-src 'self'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}
