/** LVS2031 weight-range: A real server weight that is negative or above 65535 (error), or 0, which nanny turns into 1 (warning). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2031", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 21
primary = 172.16.0.1
service = lvs
backup_active = 1
backup = 172.16.0.2
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 172.16.0.100 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wrr
     protocol = tcp
     timeout = 6
     reentry = 15
     server big {
         address = 172.16.0.11
         active = 1
         weight = 100
     }
     server small {
         address = 172.16.0.12
         active = 1
         weight = 1
     }
     server medium {
         address = 172.16.0.13
         active = 1
     }
     server spare {
         address = 172.16.0.14
         active = 0
         weight = 0
     }
     server huge {
         address = 172.16.0.15
         active = 1
         weight = 65535
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 21
primary = 172.16.0.1
service = lvs
backup_active = 1
backup = 172.16.0.2
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 172.16.0.100 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wrr
     protocol = tcp
     timeout = 6
     reentry = 15
     server drained {
         address = 172.16.0.11
         active = 1
         weight = 0
     }
     server broken {
         address = 172.16.0.12
         active = 1
         weight = -5
     }
     server oversized {
         address = 172.16.0.13
         active = 1
         weight = 100000
     }
}
`,
      errors: [
        { line: 23, column: 10, endLine: 23, endColumn: 20, severity: "warning", message: "`weight = 0` does not keep `server drained` out of the" },
        { line: 28, column: 10, endLine: 28, endColumn: 21, severity: "error", message: "A negative weight is not valid: nanny adds `server broken` with" },
        { line: 33, column: 10, endLine: 33, endColumn: 25, severity: "error", message: "ipvsadm accepts weights up to 65535: nanny starts `server" },
      ],
    },
  ],
});
