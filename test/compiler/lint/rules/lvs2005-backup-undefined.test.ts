/** LVS2005 backup-undefined: `backup_active = 1` without a backup address (error), a backup address with `backup_active = 0` (info), `monitor_links` without a backup (warning). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2005", {
  valid: [
    {
      name: "A single director, as the configuration tool writes it: no backup router",
      code: `# A single director, as the configuration tool writes it: no backup router.
serial_no = 1
primary = 192.168.60.56
service = lvs
backup_active = 0
backup = 0.0.0.0
keepalive = 6
deadtime = 18
network = direct
monitor_links = 0
virtual www {
     active = 1
     address = 192.168.60.200 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.60.132
         active = 1
         weight = 1
     }
}
`,
    },
    {
      name: "A primary and a backup router, links watched on both",
      code: `# A primary and a backup router, links watched on both.
serial_no = 18
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 192.168.12.131
heartbeat_port = 539
keepalive = 5
deadtime = 10
network = direct
monitor_links = 1
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
         weight = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "inactive",
      code: `serial_no = 2
primary = 192.168.12.130
service = lvs
backup_active = 0
backup = 192.168.12.131
network = direct
monitor_links = 1
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
}
`,
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 24, severity: "info", message: "A backup router (192.168.12.131) is given but `backup_active`" },
        { line: 7, column: 1, endLine: 7, endColumn: 18, severity: "warning", message: "`monitor_links` has no effect without `backup_active = 1`:" },
      ],
    },
    {
      name: "zero",
      code: `serial_no = 2
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 0.0.0.0
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
}
`,
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 17, severity: "error", message: "`backup_active = 1` but `backup` is 0.0.0.0: pulse switches" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 2
primary = 192.168.12.130
service = lvs
backup_active = 1
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
}
`,
      errors: [
        { line: 4, column: 1, endLine: 4, endColumn: 18, severity: "error", message: "`backup_active = 1` but `backup` is not set: pulse switches" },
      ],
    },
  ],
});
