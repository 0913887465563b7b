/** LVS2018 zero-timeout: `timeout = 0` (or below): nanny divides by it and crashes, or never checks again. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2018", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 18
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual default {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     server web2 {
         address = 192.168.60.133
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 13
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     timeout = 0
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual ssh {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 22
     timeout = -5
     server ssh1 {
         address = 192.168.60.133
         active = 1
     }
}
`,
      errors: [
        { line: 9, column: 6, endLine: 9, endColumn: 17, severity: "error", message: "`timeout = 0` in `virtual web`: nanny divides reentry by it and" },
        { line: 20, column: 6, endLine: 20, endColumn: 18, severity: "error", message: "`timeout = -5` in `virtual ssh`: nanny checks each server once" },
      ],
    },
  ],
});
