/** LVS2021 send-program-without-expect: `send_program` without `expect`: nanny counts every check as failed. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2021", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 21
primary = 192.168.60.56
service = lvs
network = direct
virtual ldap {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 389
     send_program = "/usr/local/bin/check_ldap.sh %h %p"
     expect = "OK"
     timeout = 6
     reentry = 15
     server ds1 {
         address = 192.168.60.132
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 22
primary = 192.168.60.56
service = lvs
network = direct
virtual ldap {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 389
     send_program = "/usr/local/bin/check_ldap.sh %h %p"
     timeout = 6
     reentry = 15
     server ds1 {
         address = 192.168.60.132
         active = 1
     }
}
`,
      errors: [
        { line: 9, column: 6, endLine: 9, endColumn: 57, severity: "error", message: "`send_program` without `expect` in `virtual ldap`: nanny" },
      ],
    },
  ],
});
