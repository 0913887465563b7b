/** LVS2017 unsupported-scheduler: A scheduler the kernel has but Piranha rejects (`sed`, `nq`, `fo`, `ovf`, `mh`, `twos`). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2017", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 10
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     scheduler = wlc
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual cache {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 3128
     scheduler = lblcr
     server cache1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual dns {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 53
     protocol = udp
     scheduler = sh
     send = "ping"
     expect = "*"
     server ns1 {
         address = 192.168.60.134
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 11
primary = 192.168.60.56
service = lvs
network = direct
virtual v0 {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     scheduler = sed
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual v1 {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     scheduler = nq
     server web1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual v2 {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 80
     scheduler = fo
     server web1 {
         address = 192.168.60.134
         active = 1
     }
}
virtual v3 {
     active = 1
     address = 192.168.60.203 eth0:4
     port = 80
     scheduler = ovf
     server web1 {
         address = 192.168.60.135
         active = 1
     }
}
virtual v4 {
     active = 1
     address = 192.168.60.204 eth0:5
     port = 80
     scheduler = mh
     server web1 {
         address = 192.168.60.136
         active = 1
     }
}
virtual v5 {
     active = 1
     address = 192.168.60.205 eth0:6
     port = 80
     scheduler = twos
     server web1 {
         address = 192.168.60.137
         active = 1
     }
}
`,
      errors: [
        { line: 9, column: 18, endLine: 9, endColumn: 21, severity: "error", message: "`sed` (shortest expected delay) is a kernel scheduler, but" },
        { line: 19, column: 18, endLine: 19, endColumn: 20, severity: "error", message: "`nq` (never queue) is a kernel scheduler, but Piranha knows" },
        { line: 29, column: 18, endLine: 29, endColumn: 20, severity: "error", message: "`fo` (weighted failover) is a kernel scheduler, but Piranha" },
        { line: 39, column: 18, endLine: 39, endColumn: 21, severity: "error", message: "`ovf` (weighted overflow) is a kernel scheduler, but Piranha" },
        { line: 49, column: 18, endLine: 49, endColumn: 20, severity: "error", message: "`mh` (maglev hashing) is a kernel scheduler, but Piranha knows" },
        { line: 59, column: 18, endLine: 59, endColumn: 22, severity: "error", message: "`twos` (weighted random twos choice) is a kernel scheduler, but" },
      ],
    },
  ],
});
