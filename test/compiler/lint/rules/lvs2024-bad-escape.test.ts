/** LVS2024 bad-escape: A backslash sequence in `send` or `expect` other than \\ \r \n \t \' \": nanny hangs at start. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2024", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 27
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET /check?dir=C:\\\\temp HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP/1.1 200"
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     server mx1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual regex {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 8080
     send = "GET /health HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/1[.][01] 200"
     use_regex = 1
     server app1 {
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
      code: `serial_no = 28
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET /index.php?q=a\\.b HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP/1\\.1 200"
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 25
     send = "HELO lb\\"
     expect = "250"
     server mx1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual regex {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 8080
     send = "GET /health HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/1\\.[01] \\d+"
     use_regex = 1
     server app1 {
         address = 192.168.60.134
         active = 1
     }
}
`,
      errors: [
        { line: 9, column: 32, endLine: 9, endColumn: 34, severity: "error", message: "`\\.` in `send` is not an escape nanny knows (\\\\ \\r \\n \\t \\'" },
        { line: 10, column: 22, endLine: 10, endColumn: 24, severity: "error", message: "`\\.` in `expect` is not an escape nanny knows (\\\\ \\r \\n \\t \\'" },
        { line: 20, column: 21, endLine: 20, endColumn: 22, severity: "error", message: "The backslash at the end of `send` is not an escape nanny knows" },
      ],
    },
  ],
});
