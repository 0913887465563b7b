/** LVS1005 glued-equals: `=` touching the keyword or the value; Piranha needs blanks around it. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1005", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary\t=\t192.168.1.10
backup    =    192.168.1.11
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     send = a=b
     expect = "x=y"
     send_program = "/usr/local/bin/check --host=%h"
     server web1 {
         address = 10.0.0.1
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary=192.168.1.10
backup =192.168.1.11
keepalive= 6
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     port=80
     server web1 {
         address = 10.0.0.1
         weight =2
     }
}
`,
      errors: [
        { line: 2, column: 1, endLine: 2, endColumn: 21, severity: "error", message: "`=` is glued to the keyword and value: Piranha splits only at" },
        { line: 3, column: 8, endLine: 3, endColumn: 21, severity: "error", message: "`=` is glued to the value: Piranha splits only at blanks and" },
        { line: 4, column: 1, endLine: 4, endColumn: 11, severity: "error", message: "`=` is glued to the keyword: Piranha splits only at blanks and" },
        { line: 8, column: 6, endLine: 8, endColumn: 13, severity: "error", message: "`=` is glued to the keyword and value: Piranha splits only at" },
        { line: 11, column: 17, endLine: 11, endColumn: 19, severity: "error", message: "`=` is glued to the value: Piranha splits only at blanks and" },
      ],
    },
  ],
});
