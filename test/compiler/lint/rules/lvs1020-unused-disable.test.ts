/** LVS1020 unused-disable: A `# lvs-lint disable=` comment that names no rule or silences no finding. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1020", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `# lvs-lint disable=LVS1014 -- the directors resolve these names from /etc/hosts
serial_no = 12
primary = lvs1
backup = lvs2
# lvs-lint disable=LVS1018 -- the GUI writes heartbeat
heartbeat = 1
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     # lvs-lint disable=ignored-keyword
     master = 192.168.1.10
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.1.10
# lvs-lint disable=LVS1003 -- nothing to silence here
keepalive = 6
# lvs-lint disable=LVS1099
deadtime = 18
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     # lvs-lint disable=inline-comments -- typo of inline-comment
     port = 80
}
# lvs-lint disable=LVS1015
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 54, severity: "warning", message: "This disable comment silences nothing: no LVS1003 finding where" },
        { line: 5, column: 1, endLine: 5, endColumn: 27, severity: "warning", message: "`LVS1099` in this disable comment names no rule." },
        { line: 10, column: 6, endLine: 10, endColumn: 66, severity: "warning", message: "`inline-comments` in this disable comment names no rule." },
        { line: 13, column: 1, endLine: 13, endColumn: 27, severity: "warning", message: "This disable comment silences nothing: no LVS1015 finding where" },
      ],
    },
  ],
});
