/** LVS2039 quiesce-needs-template-expiry: `quiesce_server = 1` with persistence: persistent clients stay on a weight-0 server unless `net.ipv4.vs.expire_quiescent_template = 1`. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2039", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 48
primary = 10.0.0.1
service = lvs
backup_active = 1
backup = 10.0.0.2
keepalive = 6
deadtime = 18
network = direct
hard_shutdown = 0
virtual vpn443 {
     active = 1
     address = 10.0.0.60 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
     persistent = 600
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 0
     server vpn1 {
         address = 10.0.0.41
         active = 1
         weight = 1
     }
     server vpn2 {
         address = 10.0.0.42
         active = 1
         weight = 1
     }
}
virtual www {
     active = 1
     address = 10.0.0.61 eth0:2
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 1
     server web1 {
         address = 10.0.0.21
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
      code: `serial_no = 48
primary = 10.0.0.1
service = lvs
backup_active = 1
backup = 10.0.0.2
keepalive = 6
deadtime = 18
network = direct
hard_shutdown = 0
virtual vpn443 {
     active = 1
     address = 10.0.0.60 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
     persistent = 600
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 1
     server vpn1 {
         address = 10.0.0.41
         active = 1
         weight = 1
     }
     server vpn2 {
         address = 10.0.0.42
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 20, column: 6, endLine: 20, endColumn: 24, severity: "info", message: "With `quiesce_server = 1` a failed server of `virtual vpn443`" },
      ],
    },
  ],
});
