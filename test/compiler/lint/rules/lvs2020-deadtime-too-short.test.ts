/** LVS2020 deadtime-too-short: `deadtime` not above `keepalive` (error) or below twice it (warning): the backup takes over from a healthy primary. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2020", {
  valid: [
    {
      name: "defaults",
      code: `serial_no = 16
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 192.168.12.131
heartbeat_port = 539
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
     }
}
`,
    },
    {
      name: "no backup",
      code: `serial_no = 2
primary = 192.168.12.130
service = lvs
backup_active = 0
keepalive = 30
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
     }
}
`,
    },
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 16
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 192.168.12.131
heartbeat_port = 539
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "default deadtime",
      code: `serial_no = 16
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 192.168.12.131
heartbeat_port = 539
keepalive = 5
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
     }
}
`,
      errors: [
        { line: 7, column: 1, endLine: 7, endColumn: 14, severity: "error", message: "`deadtime = 5` is not longer than `keepalive = 5`: the partner" },
      ],
    },
    {
      name: "warning",
      code: `serial_no = 16
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 192.168.12.131
heartbeat_port = 539
keepalive = 6
deadtime = 10
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
     }
}
`,
      errors: [
        { line: 8, column: 1, endLine: 8, endColumn: 14, severity: "warning", message: "`deadtime = 10` is less than twice `keepalive = 6`: one lost or" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 16
primary = 192.168.12.130
service = lvs
backup_active = 1
backup = 192.168.12.131
heartbeat_port = 539
keepalive = 6
deadtime = 6
network = direct
virtual www {
     active = 1
     address = 192.168.12.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.12.132
         active = 1
     }
     server rs2 {
         address = 192.168.12.133
         active = 1
     }
}
`,
      errors: [
        { line: 8, column: 1, endLine: 8, endColumn: 13, severity: "error", message: "`deadtime = 6` is not longer than `keepalive = 6`: the partner" },
      ],
    },
  ],
});
