/** LVS1002 unknown-keyword: A keyword Piranha does not know, or one used at a level where it is not accepted. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../../../compiler/lint/engine.ts";
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1002", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
primary_private = 10.1.1.10
service = lvs
backup_active = 1
backup = 192.168.1.11
backup_private = 10.1.1.11
heartbeat_port = 539
keepalive = 6
network = direct
rsh_command = ssh
ipvsadm = /sbin/ipvsadm
syncdaemon = 1
syncd_iface = eth1
syncd_id = 7
tcp_timeout = 900
tcpfin_timeout = 120
udp_timeout = 300
active_cmd = /usr/local/sbin/lvs-up
inactive_cmd = /usr/local/sbin/lvs-down
monitor_links = 1
hard_shutdown = 0
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     vip_nmask = 255.255.255.0
     sorry_server = 10.0.0.99
     port = http
     persistent = 300
     pmask = 255.255.255.0
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     use_regex = 0
     load_monitor = uptime
     client_monitor = /usr/sbin/nanny
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 1
     server web1 {
         address = 10.0.0.1
         active = 1
         port = 8080
         weight = 3
     }
}
virtual marked {
     active = 1
     address = 192.168.1.101 eth0:2
     fwmark = 80
     send_program = "/usr/local/bin/check %h %p"
     expect = "OK"
     server app1 {
         address = 10.0.0.11
         active = 1
     }
}
# global keywords may follow the blocks
deadtime = 20
`,
    },
  ],
  invalid: [
    {
      name: "words of other tools and typing slips get the keyword they mean",
      code: `primary = 10.0.0.1
persistance = 30
virtual web {
     active = 1
     scheduler-rr
     netmask = 255.255.255.0
     quiesce = 1
     firewall_mark = 5
     lb_algo = wrr
}
`,
      errors: [
        { line: 2, column: 1, endLine: 2, endColumn: 12, severity: "error", message: "Did you mean `persistent` (it belongs inside a virtual or failover block)?" },
        { line: 5, column: 6, endLine: 5, endColumn: 18, severity: "error", message: "Did you mean `scheduler = rr`? A `-` stands where ` = ` belongs." },
        { line: 6, column: 6, endLine: 6, endColumn: 13, severity: "error", message: "Did you mean `vip_nmask`?" },
        { line: 7, column: 6, endLine: 7, endColumn: 13, severity: "error", message: "Did you mean `quiesce_server`?" },
        { line: 8, column: 6, endLine: 8, endColumn: 19, severity: "error", message: "Did you mean `fwmark`?" },
        { line: 9, column: 6, endLine: 9, endColumn: 13, severity: "error", message: "Did you mean `scheduler`?" },
      ],
    },
    {
      name: "a misspelt block opener: one finding, and the block is read as the server meant",
      code: `primary = 10.0.0.1
network = direct
hard_shutdown = 0
virtual web {
     active = 1
     address = 10.0.0.100 eth0:1
     realserver web1 {
         address = 10.0.0.11
         active = 1
     }
}
`,
      errors: [{ line: 7, column: 6, endLine: 7, endColumn: 16, severity: "error", message: "Unknown command `realserver` inside a virtual or failover block. Did you mean `server`?" }],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.1.10
keepalvie = 6
debug = NONE
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     deadtime = 18
     shceduler = wlc
     expect_program = "HTTP"
     server web1 {
         address = 10.0.0.1
         nmask = 255.255.255.0
         weight = 1
     }
}
server web2 {
     address = 10.0.0.2
     active = 1
}
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 10, severity: "error", message: "Unknown command `keepalvie` at top level. Did you mean" },
        { line: 4, column: 1, endLine: 4, endColumn: 6, severity: "error", message: "Unknown command `debug`: the keyword is `debug_level`. Piranha" },
        { line: 8, column: 6, endLine: 8, endColumn: 14, severity: "error", message: "`deadtime` is not accepted inside a virtual or failover block;" },
        { line: 9, column: 6, endLine: 9, endColumn: 15, severity: "error", message: "Unknown command `shceduler` inside a virtual or failover block." },
        { line: 10, column: 6, endLine: 10, endColumn: 20, severity: "error", message: "Unknown command `expect_program`: `expect_program` is a GUI" },
        { line: 13, column: 10, endLine: 13, endColumn: 15, severity: "error", message: "Unknown command `nmask`: `nmask` was removed from the parser;" },
        { line: 17, column: 1, endLine: 17, endColumn: 7, severity: "error", message: "`server` is not accepted at top level; it belongs inside a" },
      ],
    },
  ],
});

test("a misspelt block opener is the file's only finding, and its block's contents are the server's", () => {
  const text = "primary = 10.0.0.1\nnetwork = direct\nhard_shutdown = 0\nvirtual web {\n     active = 1\n     address = 10.0.0.100 eth0:1\n     vip_nmask = 255.255.255.0\n     realserver web1 {\n         address = 10.0.0.11\n         active = 1\n     }\n}\n";
  const { diagnostics, model } = lintText(text);
  assert.equal(diagnostics.map((d) => d.ruleId), ["LVS1002"]);
  assert.equal(model.virtuals[0]!.servers.map((s) => [s.name, s.address, s.active]), [["web1", "10.0.0.11", 1]]);
});

test.run();
