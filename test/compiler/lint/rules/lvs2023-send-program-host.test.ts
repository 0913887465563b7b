/** LVS2023 send-program-host: A `send_program` without a whole-word `%h`: every real server runs the same check. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2023", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 25
primary = 192.168.60.56
service = lvs
network = direct
virtual ldap {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 389
     send_program = "/usr/local/bin/check_ldap.sh %h %p"
     expect = "OK"
     server ds1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual sip {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 5060
     protocol = udp
     send_program = "/usr/local/bin/test-sip-server.sh %h"
     expect = "OK"
     server sip1 {
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
      code: `serial_no = 26
primary = 192.168.60.56
service = lvs
network = direct
virtual ldap {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 389
     send_program = "/usr/local/bin/check_ldap.sh --host=%h --port=%p"
     expect = "OK"
     server ds1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual status {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     send_program = "/usr/local/bin/check_status.sh"
     expect = "OK"
     server web1 {
         address = 192.168.60.133
         active = 1
     }
}
`,
      errors: [
        { line: 9, column: 51, endLine: 9, endColumn: 60, severity: "warning", message: "`--host=%h` is passed as it is: nanny replaces `%h` only when" },
        { line: 20, column: 22, endLine: 20, endColumn: 52, severity: "warning", message: "This `send_program` has no `%h` word: nanny runs the same" },
      ],
    },
  ],
});
