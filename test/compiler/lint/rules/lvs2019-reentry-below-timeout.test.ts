/** LVS2019 reentry-below-timeout: `reentry` below `timeout`: nanny needs ⌊reentry/timeout⌋ = 0 good checks, so a failed server is back after its first good check. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2019", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 14
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual one-check {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     timeout = 10
     reentry = 10
     server web2 {
         address = 192.168.60.133
         active = 1
     }
}
virtual defaults {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 80
     server web3 {
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
      code: `serial_no = 15
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     timeout = 10
     reentry = 5
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual slow {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     timeout = 240
     server web2 {
         address = 192.168.60.133
         active = 1
     }
}
virtual zero {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 80
     timeout = 6
     reentry = 0
     server web3 {
         address = 192.168.60.134
         active = 1
     }
}
virtual negative {
     active = 1
     address = 192.168.60.203 eth0:4
     port = 80
     reentry = -30
     server web4 {
         address = 192.168.60.135
         active = 1
     }
}
`,
      errors: [
        { line: 10, column: 6, endLine: 10, endColumn: 17, severity: "warning", message: "`reentry = 5` is less than `timeout = 10` in `virtual web`:" },
        { line: 20, column: 6, endLine: 20, endColumn: 19, severity: "warning", message: "`reentry = 180` (the default) is less than `timeout = 240` in" },
        { line: 31, column: 6, endLine: 31, endColumn: 17, severity: "info", message: "`reentry = 0` in `virtual zero` does not readmit at once: nanny" },
        { line: 41, column: 6, endLine: 41, endColumn: 19, severity: "warning", message: "`reentry = -30` is less than `timeout = 10` in `virtual" },
      ],
    },
  ],
});
