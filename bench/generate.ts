/** A large, valid lvs.cf: `virtuals` virtual servers with `servers` real servers each. */
export function generateConfig(virtuals: number, servers: number): string {
  const out: string[] = [
    "serial_no = 1",
    "primary = 10.0.0.1",
    "service = lvs",
    "backup_active = 1",
    "backup = 10.0.0.2",
    "heartbeat_port = 539",
    "keepalive = 6",
    "deadtime = 18",
    "network = direct",
  ];
  for (let v = 0; v < virtuals; v++) {
    const vip = `172.${16 + ((v >> 16) & 15)}.${(v >> 8) & 255}.${v & 255}`;
    out.push(
      `virtual web${v} {`,
      "     active = 1",
      `     address = ${vip} eth${Math.floor(v / 1000)}:${(v % 1000) + 1}`,
      "     vip_nmask = 255.255.255.255",
      "     port = 80",
      '     send = "GET / HTTP/1.0\\r\\n\\r\\n"',
      '     expect = "HTTP"',
      "     use_regex = 0",
      "     load_monitor = none",
      "     scheduler = wlc",
      "     protocol = tcp",
      "     timeout = 6",
      "     reentry = 15",
      "     quiesce_server = 0",
    );
    for (let s = 0; s < servers; s++) {
      out.push(
        `     server rs${s} {`,
        `         address = 10.${(v >> 8) & 255}.${v & 255}.${s + 1}`,
        "         active = 1",
        "         weight = 1",
        "     }",
      );
    }
    out.push("}");
  }
  return out.join("\n") + "\n";
}
