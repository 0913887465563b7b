/** LVS2006 vip-device-conflict: Two different addresses on one device label, or one VIP on two different devices. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2006", {
  valid: [
    {
      name: "Each address has its own alias; HTTP and HTTPS share one VIP on one alias",
      code: `# Each address has its own alias; HTTP and HTTPS share one VIP on one alias.
serial_no = 5
primary = 192.168.26.9
service = lvs
backup_active = 1
backup = 192.168.26.8
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.11.12.1
         active = 1
         weight = 1
     }
}
virtual https {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.11.12.1
         active = 1
         weight = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.26.11 eth0:2
     vip_nmask = 255.255.255.0
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server mx1 {
         address = 10.11.12.5
         active = 1
         weight = 1
     }
}
# Switched off: pulse does not bring its address up, so its alias may be reused.
virtual staging {
     active = 0
     address = 192.168.26.12 eth0:2
     port = 80
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 5
primary = 192.168.26.9
service = lvs
network = nat
nat_router = 192.168.26.1 eth0:1
virtual http {
     active = 1
     address = 192.168.26.10 eth0:1
     port = 80
     server web1 {
         address = 10.11.12.1
         active = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.26.11 eth0:2
     port = 25
     server mx1 {
         address = 10.11.12.5
         active = 1
     }
}
virtual imap {
     active = 1
     address = 192.168.26.12 eth0:2
     port = 143
     server mx1 {
         address = 10.11.12.5
         active = 1
     }
}
virtual submission {
     active = 1
     address = 192.168.26.11 eth0:3
     port = 587
     server mx1 {
         address = 10.11.12.5
         active = 1
     }
}
`,
      errors: [
        { line: 8, column: 6, endLine: 8, endColumn: 36, severity: "error", message: "eth0:1 already carries 192.168.26.1 for `nat_router` (line 5):" },
        { line: 26, column: 6, endLine: 26, endColumn: 36, severity: "error", message: "eth0:2 already carries 192.168.26.11 for `virtual smtp` (line" },
        { line: 35, column: 6, endLine: 35, endColumn: 36, severity: "error", message: "VIP 192.168.26.11 is on eth0:2 for `virtual smtp` (line 15):" },
      ],
    },
  ],
});
