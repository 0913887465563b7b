/**
 * The status page's script, as the browser runs it: it asks `/status.json` for one page of
 * services every REFRESH_MS, problems first, and updates the page in place, marking what
 * changed. It builds every node with textContent (nothing from the status is read as HTML) and
 * needs no other file: the server sends it inline, allowed by its hash in the CSP.
 */
export const PAGE_SCRIPT = String.raw`"use strict";
const PER_PAGE = 50;
const REFRESH_MS = 1500;
const view = { page: 0, q: "", problems: false };
let timer = null;
let loaded = false;
let refreshes = 0;

const $ = (id) => document.getElementById(id);
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function span(s) {
  s = Math.max(0, Math.round(s));
  if (s < 90) return s + " s";
  if (s < 5400) return Math.round(s / 60) + " min";
  if (s < 172800) return Math.round(s / 3600) + " h";
  return Math.round(s / 86400) + " d";
}
const since = (at, now) => span((now - at) / 1000);
function count(n) {
  if (n < 1e4) return String(n);
  if (n < 1e7) return (n / 1e3).toFixed(n < 1e5 ? 1 : 0) + "K";
  if (n < 1e10) return (n / 1e6).toFixed(n < 1e8 ? 1 : 0) + "M";
  return (n / 1e9).toFixed(1) + "G";
}
function bits(bytesPerSecond) {
  const b = bytesPerSecond * 8;
  if (b < 1e3) return b + " b/s";
  if (b < 1e6) return (b / 1e3).toFixed(1) + " kb/s";
  if (b < 1e9) return (b / 1e6).toFixed(1) + " Mb/s";
  return (b / 1e9).toFixed(2) + " Gb/s";
}
function trafficText(t) {
  if (!t) return "no traffic figures";
  let s = t.activeConns + " active, " + t.inactiveConns + " inactive";
  if (t.rates) s += " · " + t.rates.cps + " conn/s, in " + bits(t.rates.inBps) + ", out " + bits(t.rates.outBps);
  else s += " · " + count(t.conns) + " connections so far";
  return s;
}

/**
 * Sets a node's text; a changed value (after the first load) is marked for a moment, unless it
 * is one that moves at every refresh (a time, a latency, a rate): quiet.
 */
function put(node, text, cls, quiet) {
  text = String(text);
  if (node.textContent !== text) {
    const changed = loaded && !quiet && node.textContent !== "";
    node.textContent = text;
    if (changed) {
      node.classList.remove("changed");
      void node.offsetWidth;
      node.classList.add("changed");
    }
  }
  if (cls !== undefined && node.dataset.cls !== cls) {
    if (node.dataset.cls) node.classList.remove(node.dataset.cls);
    if (cls) node.classList.add(cls);
    node.dataset.cls = cls;
  }
}

function directorLine(s) {
  const f = s.failover;
  if (!f) return ["standalone, active since " + new Date(s.startedAt).toLocaleString(), "active"];
  const who = f.role === "master" ? "primary" : "backup";
  return [who + " " + f.address + ": " + (f.active ? "active" : "standing by") + " since " + new Date(f.since).toLocaleString(), f.active ? "active" : "standby"];
}
function partnerLine(s) {
  const f = s.failover;
  if (!f) return "no failover";
  if (!f.partner) return "no partner director";
  const h = f.partner.lastHeartbeat;
  return "partner " + f.partner.address + ": " + (h ? "heartbeat " + since(h.at, s.at) + " ago (" + h.state + ")" : "no heartbeat heard");
}
function syncLine(s) {
  const d = s.syncDaemon;
  if (!d) return "sync daemon off";
  const running = d.running === null ? "state unknown" : d.running.length ? d.running.join(" and ") + " running" : "not running";
  return "sync daemon on " + d.interface + " (syncid " + d.syncId + "): " + running;
}

function renderHead(s) {
  const [line, cls] = directorLine(s);
  put($("director"), line, cls);
  put($("partner"), partnerLine(s));
  put($("sync"), syncLine(s));
  put($("bundle"), "bundle " + s.bundle.hash.slice(0, 12) + (s.bundle.serialNo === null ? "" : " · serial_no " + s.bundle.serialNo));
  const sum = s.summary;
  put($("sum-up"), sum.services.up + " up");
  put($("sum-degraded"), sum.services.degraded + " degraded", sum.services.degraded ? "warn" : "");
  put($("sum-down"), sum.services.down + " down", sum.services.down ? "bad" : "");
  put($("sum-servers"), sum.servers.up + " of " + sum.servers.total + " real servers up");
}

function serviceName(v) {
  return v.protocol === "fwmark" ? "fwmark " + v.fwmark : v.protocol.toUpperCase() + " " + v.address + ":" + v.port;
}

function serverRow(row, rs, now) {
  if (!row.firstChild) {
    for (const name of ["addr", "state", "since", "weight", "conns", "check", "latency"]) {
      const td = el("td", name);
      td.dataset.label = name === "addr" ? "server" : name;
      row.append(td);
    }
  }
  const [addr, state, sinceCell, weight, conns, check, latency] = row.children;
  put(addr, rs.address + ":" + rs.port + (rs.name ? " (" + rs.name + ")" : ""));
  put(state, rs.state, "st-" + rs.state);
  put(sinceCell, since(rs.since, now), undefined, true);
  const kernel = rs.kernelWeight === null ? "not in the kernel's table" : "kernel " + rs.kernelWeight;
  put(weight, rs.weight + (!kernelView || rs.kernelWeight === rs.weight ? "" : " (" + kernel + ")"));
  put(conns, rs.traffic ? rs.traffic.activeConns + " / " + rs.traffic.inactiveConns : "–");
  put(check, rs.lastCheck ? (rs.lastCheck.ok ? "ok: " : "failed: ") + rs.lastCheck.summary : "not checked yet", rs.lastCheck ? (rs.lastCheck.ok ? "" : "bad") : "");
  put(latency, rs.lastCheck ? rs.lastCheck.latencyMs.toFixed(1) + " ms" : "–", undefined, true);
}

function serviceCard(card, v, now) {
  if (!card.firstChild) {
    const head = el("div", "head");
    head.append(el("span", "health"), el("h2", "name"), el("span", "virtuals"), el("span", "sched"), el("span", "traffic"));
    const table = el("table", "servers");
    const cols = el("tr");
    for (const h of ["real server", "state", "for", "weight", "act / inact", "last check", "latency"]) cols.append(el("th", "", h));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(cols);
    card.append(head, table);
  }
  const [health, name, virtuals, sched, traffic] = card.firstChild.children;
  const sorry = v.sorryServerUp ? ", sorry server in" : "";
  put(health, v.health + sorry, "h-" + v.health);
  put(name, serviceName(v));
  put(virtuals, v.virtuals.join(", "));
  put(sched, v.scheduler + (v.persistence === null ? "" : ", persistent " + v.persistence + " s") + ", " + v.check + " check");
  put(traffic, trafficText(v.traffic), undefined, true);
  const body = card.querySelector("tbody");
  const rows = new Map([...body.children].map((r) => [r.dataset.key, r]));
  const keep = new Set();
  let i = 0;
  for (const rs of v.servers) {
    const id = rs.address + ":" + rs.port + (rs.state === "draining" ? " draining" : "");
    keep.add(id);
    let row = rows.get(id);
    if (!row) {
      row = el("tr");
      row.dataset.key = id;
    }
    serverRow(row, rs, now);
    place(body, row, i++);
  }
  for (const [id, row] of rows) if (!keep.has(id)) row.remove();
}

/** Puts a node at position i of its parent, moving it only when it stands elsewhere. */
function place(parent, node, i) {
  const at = parent.children[i];
  if (at !== node) parent.insertBefore(node, at || null);
}

/** Whether the kernel's table as last read still says something (lvs-run changed nothing since). */
let kernelView = false;

function renderServices(s) {
  kernelView = s.tableReadAt !== null && (s.tableChangedAt === null || s.tableReadAt > s.tableChangedAt);
  const list = $("services");
  const cards = new Map([...list.children].map((c) => [c.dataset.key, c]));
  const keep = new Set();
  let i = 0;
  for (const v of s.services) {
    keep.add(v.key);
    let card = cards.get(v.key);
    if (!card) {
      card = el("section", "service");
      card.dataset.key = v.key;
    }
    serviceCard(card, v, s.at);
    place(list, card, i++);
  }
  for (const [key, card] of cards) if (!keep.has(key)) card.remove();
  const vw = s.view;
  const first = vw.matched === 0 ? 0 : vw.offset + 1;
  put($("range"), first + "–" + (vw.offset + s.services.length) + " of " + vw.matched + (vw.matched === vw.total ? " services" : " matching (" + vw.total + " services)"));
  $("prev").disabled = vw.offset === 0;
  $("next").disabled = vw.offset + s.services.length >= vw.matched;
  $("empty").hidden = s.services.length > 0;
}

function renderEvents(s) {
  const list = $("events");
  const known = new Set([...list.children].map((li) => li.dataset.key));
  const items = [...s.events].reverse();
  let before = list.firstChild;
  for (const e of items) {
    const key = e.at + " " + e.event + " " + e.message;
    if (known.has(key)) break;
    const li = el("li", loaded ? "changed" : "");
    li.dataset.key = key;
    li.append(el("time", "", new Date(e.at).toLocaleTimeString()), el("b", "ev-" + e.event, e.event), el("span", "", e.message + (e.service ? " · " + e.service : "")));
    list.insertBefore(li, before);
  }
  while (list.children.length > 50) list.lastChild.remove();
}

function render(s) {
  renderHead(s);
  renderServices(s);
  renderEvents(s);
  if (!loaded) performance.mark("lvs-first-render");
  loaded = true;
  document.body.dataset.refreshes = String(++refreshes);
}

function setConnection(ok, text) {
  put($("conn"), text, ok ? "" : "bad", true);
}

async function refresh() {
  clearTimeout(timer);
  const params = new URLSearchParams({ offset: String(view.page * PER_PAGE), limit: String(PER_PAGE), order: "problems" });
  if (view.q) params.set("q", view.q);
  if (view.problems) params.set("problems", "1");
  try {
    const r = await fetch("status.json?" + params, { cache: "no-store", credentials: "same-origin" });
    if (!r.ok) throw new Error("status.json answered " + r.status);
    const s = await r.json();
    render(s);
    setConnection(true, "updated " + new Date(s.at).toLocaleTimeString());
  } catch (e) {
    setConnection(false, "not updated: " + e.message);
  } finally {
    timer = setTimeout(refresh, REFRESH_MS);
  }
}

let typing = null;
$("filter").addEventListener("input", (e) => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    view.q = e.target.value.trim();
    view.page = 0;
    refresh();
  }, 200);
});
$("problems").addEventListener("change", (e) => {
  view.problems = e.target.checked;
  view.page = 0;
  refresh();
});
$("prev").addEventListener("click", () => {
  view.page = Math.max(0, view.page - 1);
  refresh();
});
$("next").addEventListener("click", () => {
  view.page++;
  refresh();
});
refresh();
`;
