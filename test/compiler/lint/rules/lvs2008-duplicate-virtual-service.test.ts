/** LVS2008 duplicate-virtual-service: Two active virtual servers with the same VIP, protocol and port; lvsd can create only the first. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2008", {
  valid: [
    {
      name: "One VIP, several services: different ports, or the same port over TCP and UDP",
      code: `# One VIP, several services: different ports, or the same port over TCP and UDP.
serial_no = 11
primary = 10.1.2.103
service = lvs
backup_active = 1
backup = 10.1.2.105
keepalive = 4
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.1.2.21
         active = 1
         weight = 1
     }
}
virtual dns-tcp {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 53
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server ns1 {
         address = 10.1.2.31
         active = 1
         weight = 1
     }
}
virtual dns-udp {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 53
     send_program = "/usr/local/bin/check-dns %h"
     expect = "OK"
     scheduler = rr
     protocol = udp
     timeout = 6
     reentry = 15
     server ns1 {
         address = 10.1.2.31
         active = 1
         weight = 1
     }
}
# A switched-off copy is never created.
virtual www-maintenance {
     active = 0
     address = 10.1.2.106 eth0:1
     port = 80
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 11
primary = 10.1.2.103
service = lvs
network = direct
virtual www {
     active = 1
     address = 10.1.2.106 eth0:1
     port = 80
     server web1 {
         address = 10.1.2.21
         active = 1
     }
}
virtual www-new {
     active = 1
     address = 10.1.2.106 eth0:1
     protocol = tcp
     server web2 {
         address = 10.1.2.22
         active = 1
     }
}
`,
      errors: [
        { line: 14, column: 1, endLine: 14, endColumn: 18, severity: "error", message: "`virtual www-new` is the same service as `virtual www` (line" },
      ],
    },
  ],
});
