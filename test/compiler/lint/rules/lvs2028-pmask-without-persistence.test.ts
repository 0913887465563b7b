/** LVS2028 pmask-without-persistence: `pmask` on a virtual server without `persistent`: lvsd passes `-M` only with `-p`, so the mask does nothing. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2028", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 8
primary = 10.1.2.103
service = lvs
backup_active = 1
backup = 10.1.2.105
keepalive = 4
deadtime = 18
network = direct
virtual proxy {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 8080
     persistent = 300
     pmask = 255.255.255.0
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server proxy1 {
         address = 10.1.2.110
         active = 1
         weight = 1
     }
     server proxy2 {
         address = 10.1.2.111
         active = 1
         weight = 1
     }
}
virtual https {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
     persistent = 600
     pmask = 255.255.255.255
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server proxy1 {
         address = 10.1.2.110
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
      code: `serial_no = 8
primary = 10.1.2.103
service = lvs
backup_active = 1
backup = 10.1.2.105
keepalive = 4
deadtime = 18
network = direct
virtual proxy {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 8080
     pmask = 255.255.255.0
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server proxy1 {
         address = 10.1.2.110
         active = 1
         weight = 1
     }
}
virtual https {
     active = 1
     address = 10.1.2.106 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
     persistent = 0
     pmask = 255.255.0.0
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server proxy1 {
         address = 10.1.2.110
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 14, column: 6, endLine: 14, endColumn: 27, severity: "warning", message: "`pmask` has no effect: `virtual proxy` has no `persistent`" },
        { line: 33, column: 6, endLine: 33, endColumn: 25, severity: "warning", message: "`pmask` has no effect: `virtual https` has no `persistent`" },
      ],
    },
  ],
});
