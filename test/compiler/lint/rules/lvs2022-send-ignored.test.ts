/** LVS2022 send-ignored: `send` next to `send_program`: nanny runs the program and never sends the string. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2022", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 23
primary = 192.168.60.56
service = lvs
network = direct
virtual mysql {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 3306
     send_program = "/usr/local/bin/check_tcp_port.sh %h 3306"
     expect = "OK"
     timeout = 5
     reentry = 10
     server sql1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual web {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     server web1 {
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
      code: `serial_no = 24
primary = 192.168.60.56
service = lvs
network = direct
virtual mysql {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 3306
     send_program = "/usr/local/bin/check_tcp_port.sh %h 3306"
     send = "\\n"
     expect = "OK"
     timeout = 5
     reentry = 10
     server sql1 {
         address = 192.168.60.132
         active = 1
     }
}
`,
      errors: [
        { line: 10, column: 6, endLine: 10, endColumn: 17, severity: "warning", message: "`send` is ignored in `virtual mysql`: with `send_program` set," },
      ],
    },
  ],
});
