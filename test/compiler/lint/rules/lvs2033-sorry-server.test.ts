/** LVS2033 sorry-server: A `sorry_server` that is one of the virtual server's own real servers, or on a virtual server without active real servers, where lvsd never brings it in. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2033", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 9
primary = 192.168.60.56
service = lvs
backup_active = 1
backup = 192.168.60.57
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.60.200 eth0:1
     vip_nmask = 255.255.255.255
     sorry_server = 192.168.60.150
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server RS1 {
         address = 192.168.60.132
         active = 1
         weight = 1
     }
     server RS2 {
         address = 192.168.60.144
         active = 1
         weight = 1
     }
}
virtual shop {
     active = 1
     address = 192.168.60.201 eth0:2
     vip_nmask = 255.255.255.255
     sorry_server = 192.168.60.150
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server old {
         address = 192.168.60.150
         active = 0
         weight = 1
     }
     server new {
         address = 192.168.60.151
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
      code: `serial_no = 9
primary = 192.168.60.56
service = lvs
backup_active = 1
backup = 192.168.60.57
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.60.200 eth0:1
     vip_nmask = 255.255.255.255
     sorry_server = 192.168.60.144
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server RS1 {
         address = 192.168.60.132
         active = 1
         weight = 1
     }
     server RS2 {
         address = 192.168.60.144
         active = 1
         weight = 1
     }
}
virtual shop {
     active = 1
     address = 192.168.60.201 eth0:2
     vip_nmask = 255.255.255.255
     sorry_server = 192.168.60.150
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server new {
         address = 192.168.60.151
         active = 0
         weight = 1
     }
}
`,
      errors: [
        { line: 13, column: 6, endLine: 13, endColumn: 35, severity: "warning", message: "The sorry server 192.168.60.144 is `server RS2` of this virtual" },
        { line: 36, column: 6, endLine: 36, endColumn: 35, severity: "warning", message: "The sorry server 192.168.60.150 is never used: lvsd adds it" },
      ],
    },
  ],
});
