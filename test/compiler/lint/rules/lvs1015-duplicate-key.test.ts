/** LVS1015 duplicate-key: A keyword set twice in one block; Piranha keeps the last value. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1015", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 80
     server web1 {
         address = 10.0.0.1
         active = 1
         port = 80
     }
     server web1 {
         address = 10.0.0.2
         active = 1
     }
}
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 443
}
keepalive = 6
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
keepalive = 6
keepalive = 6
deadtime = 18
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 80
     server web1 {
         address = 10.0.0.1
         active = 1
         active = 0
     }
     port = 8080
}
deadtime = 20
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 10, severity: "info", message: "`keepalive` is set again to the same value as on line 2. Remove" },
        { line: 12, column: 10, endLine: 12, endColumn: 16, severity: "warning", message: "`active` is set again (line 11 set `1`): Piranha keeps this" },
        { line: 14, column: 6, endLine: 14, endColumn: 10, severity: "warning", message: "`port` is set again (line 8 set `80`): Piranha keeps this last" },
        { line: 16, column: 1, endLine: 16, endColumn: 9, severity: "warning", message: "`deadtime` is set again (line 4 set `18`): Piranha keeps this" },
      ],
    },
  ],
});
