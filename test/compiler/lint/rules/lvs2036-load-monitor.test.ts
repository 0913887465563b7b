/** LVS2036 load-monitor: `load_monitor = ruptime`, whose output nanny cannot read (warning); any load monitor with a weighted scheduler, which then balances on changing weights (info). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2036", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 5
primary = 207.175.44.150
service = lvs
backup_active = 1
backup = 207.175.44.196
keepalive = 6
deadtime = 18
rsh_command = ssh
network = direct
virtual www {
     active = 1
     address = 207.175.44.252 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     load_monitor = none
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 2
     }
     server Real2 {
         address = 207.175.44.3
         active = 1
         weight = 1
     }
}
virtual mail {
     active = 1
     address = 207.175.44.253 eth0:2
     vip_nmask = 255.255.255.255
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     load_monitor = uptime
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 5
primary = 207.175.44.150
service = lvs
backup_active = 1
backup = 207.175.44.196
keepalive = 6
deadtime = 18
rsh_command = ssh
network = direct
virtual www {
     active = 1
     address = 207.175.44.252 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     load_monitor = uptime
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 2
     }
}
virtual mail {
     active = 1
     address = 207.175.44.253 eth0:2
     vip_nmask = 255.255.255.255
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     load_monitor = ruptime
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 1
     }
}
virtual pop {
     active = 1
     address = 207.175.44.254 eth0:3
     vip_nmask = 255.255.255.255
     port = 110
     send = "QUIT\\r\\n"
     expect = "+OK"
     load_monitor = rup
     scheduler = wrr
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 17, column: 6, endLine: 17, endColumn: 27, severity: "info", message: "With `load_monitor = uptime` nanny runs `ssh RIP uptime` about" },
        { line: 35, column: 6, endLine: 35, endColumn: 28, severity: "warning", message: "nanny cannot read the output of `ruptime` (it has no `:` after" },
        { line: 53, column: 6, endLine: 53, endColumn: 24, severity: "info", message: "With `load_monitor = rup` nanny runs `rup RIP` about every 20 s" },
      ],
    },
  ],
});
