/** LVS2011 nat-router-unused: `nat_router` or `nat_nmask` with direct routing or tunnelling; pulse uses them only with NAT. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2011", {
  valid: [
    {
      name: "Direct routing: no NAT router settings",
      code: `# Direct routing: no NAT router settings.
serial_no = 34
primary = 192.168.142.160
service = lvs
backup_active = 0
backup = 0.0.0.0
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.142.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.142.158
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "tunnel",
      code: `serial_no = 34
primary = 192.168.142.160
service = lvs
nat_nmask = 255.255.255.0
network = tunnel
virtual www {
     active = 1
     address = 192.168.142.100 eth0:1
     port = 80
     server rs1 {
         address = 10.9.0.158
         active = 1
     }
}
`,
      errors: [
        { line: 4, column: 1, endLine: 4, endColumn: 26, severity: "warning", message: "`nat_nmask` is ignored with `network = tunnel`: pulse brings up" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 34
primary = 192.168.142.160
service = lvs
network = direct
nat_router = 192.168.142.1 eth1:1
nat_nmask = 255.255.255.0
virtual www {
     active = 1
     address = 192.168.142.100 eth0:1
     port = 80
     server rs1 {
         address = 192.168.142.158
         active = 1
     }
}
`,
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 34, severity: "warning", message: "`nat_router` is ignored with `network = direct`: pulse brings" },
        { line: 6, column: 1, endLine: 6, endColumn: 26, severity: "warning", message: "`nat_nmask` is ignored with `network = direct`: pulse brings up" },
      ],
    },
  ],
});
