/**
 * Golden bundles: every example, both targets, every ARP method for direct routing. The
 * expected trees live in fixtures/bundles/<example>/<target>-<method>/; UPDATE=1 rewrites them.
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bundleOf, checkForCompile, hasErrors } from "../../../compiler/emit/compile.ts";
import type { BundleOptions, DrArpMethod, Target } from "../../../runtime/manifest.ts";
import { generateConfig } from "../../../bench/generate.ts";
import { exampleFiles, readExample } from "../../helpers/paths.ts";

const GOLDEN = fileURLToPath(new URL("../../../fixtures/bundles/", import.meta.url));
const TARGETS: Target[] = ["modern", "rhel5"];
const METHODS: DrArpMethod[] = ["arptables", "iptables", "sysctl"];

function treeOf(dir: string): Map<string, { text: string; mode: string }> {
  const out = new Map<string, { text: string; mode: string }>();
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.set(`${prefix}${e.name}`, { text: readFileSync(join(d, e.name), "utf8"), mode: `0${(statSync(join(d, e.name)).mode & 0o777).toString(8)}` });
    }
  };
  walk(dir, "");
  return out;
}

function bundleFor(example: string, options: BundleOptions) {
  const text = readExample(example);
  const checked = checkForCompile(text);
  assert.not.ok(hasErrors(checked), `${example} compiles`);
  return bundleOf(text, checked, options);
}

for (const example of exampleFiles()) {
  for (const target of TARGETS) {
    for (const drArp of METHODS) {
      const name = `${example.replace(/\.cf$/, "")}/${target}-${drArp}`;
      test(`golden bundle ${name}`, () => {
        const bundle = bundleFor(example, { target, drArp, ftpPassive: { min: 10000, max: 20000 } });
        const dir = join(GOLDEN, name);
        if (process.env["UPDATE"] === "1") {
          rmSync(dir, { recursive: true, force: true });
          for (const f of bundle.files) {
            const path = join(dir, f.path);
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, f.text);
            chmodSync(path, parseInt(f.mode, 8));
          }
        }
        const golden = treeOf(dir);
        assert.equal(bundle.files.map((f) => f.path).sort(), [...golden.keys()].sort(), `${name}: the same files`);
        for (const f of bundle.files) {
          assert.fixture(f.text, golden.get(f.path)!.text, `${name}/${f.path}`);
          assert.is(f.mode, golden.get(f.path)!.mode, `${name}/${f.path} mode`);
        }
      });
    }
  }
}

test("a data-file line's layout depends on that line only: another virtual changes no other line", () => {
  const base = "primary = 10.0.0.1\nservice = lvs\nnetwork = direct\nvirtual web {\n     active = 1\n     address = 10.0.0.100 eth0:1\n     vip_nmask = 255.255.255.0\n     server a {\n         address = 10.0.0.11\n         active = 1\n     }\n}\n";
  const empty = "virtual empty {\n     active = 1\n     address = 192.168.100.200 eth0:2\n     vip_nmask = 255.255.255.0\n     port = 65000\n}\n";
  const wide = "virtual wide {\n     active = 1\n     address = 192.168.100.201 eth0:3\n     vip_nmask = 255.255.255.0\n     port = 65001\n     server b {\n         address = 192.168.200.211\n         active = 1\n     }\n}\n";
  const data = (text: string) => {
    const checked = checkForCompile(text);
    assert.not.ok(hasErrors(checked), checked.diagnostics.map((d) => d.message).join("\n"));
    return bundleOf(text, checked, { target: "modern", drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } }).files.find((f) => f.path === "realserver/lvs-realserver.conf")!.text;
  };
  assert.is(data(base + empty), data(base));
  const line = "10.0.0.11        direct  10.0.0.100       tcp       80           sysctl     -";
  assert.ok(data(base).split("\n").includes(line), data(base));
  const withWide = data(base + wide).split("\n");
  assert.ok(withWide.includes(line), withWide.join("\n"));
  assert.ok(withWide.includes("192.168.200.211  direct  192.168.100.201  tcp       65001        sysctl     -"), withWide.join("\n"));
});

test("two runs give byte-identical bundles", () => {
  const options: BundleOptions = { target: "modern", drArp: "arptables", ftpPassive: { min: 10000, max: 20000 } };
  for (const example of exampleFiles()) {
    const bytes = () => bundleFor(example, options).files.map((f) => [f.path, f.mode, f.bytes.toString("base64")]);
    assert.equal(bytes(), bytes(), example);
  }
});

test("the manifest lists every other file with its sha256 and mode", () => {
  const bundle = bundleFor("nat-web-ftp.cf", { target: "rhel5", drArp: "arptables", ftpPassive: { min: 30000, max: 30100 } });
  const manifest = JSON.parse(bundle.files.find((f) => f.path === "manifest.json")!.text);
  assert.is(manifest.schema, 2);
  assert.equal(manifest.options, { target: "rhel5", drArp: "arptables", ftpPassive: { min: 30000, max: 30100 } });
  const others = bundle.files.filter((f) => f.path !== "manifest.json");
  assert.equal(manifest.files.map((f: { path: string }) => f.path), others.map((f) => f.path));
  for (const f of others) {
    const listed = manifest.files.find((m: { path: string }) => m.path === f.path);
    assert.is(listed.sha256, bundleShaOf(f.text), f.path);
    assert.is(listed.mode, f.mode, f.path);
  }
  assert.is(manifest.source.sha256, bundleShaOf(readExample("nat-web-ftp.cf")));
});

test("firewall marks are --set-mark N on every target", () => {
  for (const example of exampleFiles()) {
    for (const target of TARGETS) {
      for (const drArp of METHODS) {
        const files = bundleFor(example, { target, drArp, ftpPassive: { min: 10000, max: 20000 } }).files;
        const marks = files.flatMap((f) => f.text.split("\n").filter((l) => l.includes("-j MARK")));
        for (const l of marks) assert.match(l, /-j MARK --set-mark [1-9]\d*'?( \\)?$/, `${example} ${target}-${drArp}: ${l}`);
        if (example === "nat-web-ftp.cf") assert.ok(marks.length > 0, "the FTP example marks its ports");
      }
    }
  }
});

/**
 * What RHEL 5's own tools lack: iptables 1.3.5, arptables_jf 0.0.8, net-tools 1.60, procps 3.2.7,
 * coreutils 5.97, GNU sed 4.1.5, gawk 3.1.5 (no interval expressions without --re-interval), and
 * no iproute2 `ip` in the scripts (the target promises ifconfig and route).
 */
const RHEL5_LACKS: readonly (readonly [RegExp, string])[] = [
  [/(^|[\s;|&(`])ip\s+(-\S+\s+)*(addr|address|link|route|rule|neigh|monitor)\b/m, "iproute2's ip (net-tools' ifconfig and route instead)"],
  [/iptables(\s+-t\s+\S+)?\s+(-S|--list-rules)\b/, "iptables -S (1.4.x)"],
  [/--set-xmark/, "MARK --set-xmark (1.4.x)"],
  [/iptables[^\n]*\s(-w|--wait)\b/, "iptables -w (1.4.20)"],
  [/iptables[^\n]*\s(-C|--check)\s/, "iptables -C (1.4.11)"],
  [/-j CT\b|--ctstate/, "the CT target and conntrack --ctstate of later releases"],
  [/arptables[^\n]*\s-[ADI]\s+(INPUT|OUTPUT)\b/, "arptables chains INPUT/OUTPUT (arptables_jf has IN and OUT)"],
  [/arptables[^\n]*\s(-S|--list-rules)\b/, "arptables -S"],
  [/\bsystemctl\b/, "systemd"],
  [/sysctl\s+--system/, "sysctl --system (procps-ng)"],
  [/\btimeout\s+-?\d/, "timeout (coreutils 7)"],
  [/\bsort\s+(-\S+\s+)*-V\b/, "sort -V (coreutils 7)"],
  [/\bsed\s+(-\S+\s+)*-E\b/, "sed -E (GNU sed 4.2)"],
  [/\{[0-9]+(,[0-9]*)?\}/, "regular-expression intervals (gawk 3.1.5 needs --re-interval)"],
];

test("rhel5 bundles use nothing RHEL 5's own tools lack", () => {
  const direct = exampleFiles().find((e) => /^network = direct$/m.test(readExample(e)))!;
  for (const example of exampleFiles()) {
    for (const drArp of METHODS) {
      const texts: [string, string][] = [[example, readExample(example)]];
      if (example === direct) texts.push([`${example} as tunnel`, readExample(example).replace(/^network = direct$/m, "network = tunnel")]);
      for (const [name, text] of texts) {
        const checked = checkForCompile(text);
        for (const f of bundleOf(text, checked, { target: "rhel5", drArp, ftpPassive: { min: 10000, max: 20000 } }).files) {
          if (f.path.endsWith(".md") || f.path.endsWith(".json") || f.path === "lvs.cf") continue;
          for (const [pattern, what] of RHEL5_LACKS) assert.not.match(f.text, pattern, `${name} rhel5-${drArp}/${f.path} uses ${what}`);
        }
      }
    }
  }
});

test("the list of what RHEL 5 lacks finds each thing in the modern bundles it is there for", () => {
  const files = exampleFiles().flatMap((e) => bundleFor(e, { target: "modern", drArp: "arptables", ftpPassive: { min: 10000, max: 20000 } }).files);
  const found = (what: string) => files.some((f) => RHEL5_LACKS.find(([, w]) => w === what)![0].test(f.text));
  assert.ok(found("iproute2's ip (net-tools' ifconfig and route instead)"));
  assert.ok(found("arptables chains INPUT/OUTPUT (arptables_jf has IN and OUT)"));
  assert.ok(found("systemd"));
});

test("the bundle holds the same files for 10 and 200 virtual servers: one real-server kit, whatever their number", () => {
  const paths = (virtuals: number) => {
    const text = generateConfig(virtuals, 10);
    const checked = checkForCompile(text);
    assert.not.ok(hasErrors(checked), checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("\n"));
    return bundleOf(text, checked, { target: "modern", drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } }).files.map((f) => f.path);
  };
  assert.equal(paths(200), paths(10));
});

test("rhel5 vip-up announces each VIP with a gratuitous ARP, as pulse does", () => {
  for (const example of exampleFiles()) {
    const script = bundleFor(example, { target: "rhel5", drArp: "arptables", ftpPassive: { min: 10000, max: 20000 } }).files.find((f) => f.path === "director/lvs-director")!.text;
    const vipUp = script.slice(script.indexOf("vip_up() {"), script.indexOf("\n}\n", script.indexOf("vip_up() {")));
    const ups = vipUp.match(/ifconfig \S+ \S+ netmask/g) ?? [];
    assert.ok(ups.length > 0, example);
    assert.is((vipUp.match(/^\tannounce /gm) ?? []).length, ups.length, `${example}: one announce for each address brought up:\n${vipUp}`);
    assert.match(script, /send_arp=\$\{LVS_SEND_ARP:-\/usr\/sbin\/send_arp\}/);
  }
});

test("direct routing with FTP: vsftpd announces the VIP when the server has no VIP of its own (iptables REDIRECT)", () => {
  const text = `primary = 192.168.5.2
network = direct
hard_shutdown = 0
virtual ftp {
     active = 1
     address = 192.168.5.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 21
     fwmark = 21
     persistent = 600
     server ftp1 {
         address = 192.168.5.21
         active = 1
     }
}
`;
  const checked = checkForCompile(text);
  assert.not.ok(hasErrors(checked), checked.diagnostics.map((d) => d.message).join("\n"));
  const vsftpd = (drArp: DrArpMethod) =>
    bundleOf(text, checked, { target: "modern", drArp, ftpPassive: { min: 10000, max: 20000 } }).files.find((f) => f.path === "realserver/vsftpd-192.168.5.100.conf")!.text;
  assert.match(vsftpd("iptables"), /^pasv_address=192\.168\.5\.100$/m);
  // With the VIP on lo, vsftpd answers at the VIP anyway.
  assert.not.match(vsftpd("sysctl"), /pasv_address/);
  assert.not.match(vsftpd("arptables"), /pasv_address/);
});

function bundleShaOf(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

test("the README names the first real servers and counts the others, each address once", () => {
  // Three virtuals of 10 servers each, the second one's servers the same as the first's.
  const text = generateConfig(3, 10).replace(/address = 10\.0\.1\.(\d+)$/gm, "address = 10.0.0.$1");
  const checked = checkForCompile(text);
  assert.not.ok(hasErrors(checked), checked.diagnostics.map((d) => d.message).join("\n"));
  const readme = bundleOf(text, checked, { target: "modern", drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } }).files.find((f) => f.path === "README.md")!.text;
  const first = Array.from({ length: 8 }, (_, i) => `10.0.0.${i + 1}`).join(", ");
  assert.match(readme, `## Real servers: ${first} and 12 more (see \`lvs-realserver.conf\`)\n`);
});

test("a canonical lvs.cf is written as read, and a file whose bytes are not all UTF-8 as its text reads", () => {
  const options: BundleOptions = { target: "modern", drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } };
  const lvsCf = (text: string, bytes: Buffer | null) => bundleOf(text, checkForCompile(text), options, bytes).files.find((f) => f.path === "lvs.cf")!;
  const canonical = readExample(exampleFiles()[0]!);
  const read = Buffer.from(canonical);
  const written = lvsCf(canonical, read);
  assert.ok(written.bytes.equals(lvsCf(canonical, null).bytes));
  assert.ok(written.bytes === read, "the bytes as read, not a copy");
  // 0xff is no UTF-8: reading gives U+FFFD, and the bundle's copy is that text, as the manifest says.
  const raw = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xff]), Buffer.from("\n"), read]);
  const text = raw.toString("utf8");
  assert.ok(lvsCf(text, raw).bytes.equals(Buffer.from(text)));
  // The manifest names the source as read: its own bytes' hash and size.
  const manifest = JSON.parse(bundleOf(text, checkForCompile(text), options, raw).files.find((f) => f.path === "manifest.json")!.text);
  assert.equal(manifest.source, { sha256: createHash("sha256").update(raw).digest("hex"), bytes: raw.length, serialNo: manifest.source.serialNo });
  const fromText = JSON.parse(bundleOf(canonical, checkForCompile(canonical), options, read).files.find((f) => f.path === "manifest.json")!.text);
  assert.is(fromText.source.sha256, createHash("sha256").update(read).digest("hex"));
});

test.run();
