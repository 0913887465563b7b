/** LVS1007 bad-quoting: Quoting Piranha rejects: blanks after a closing quote, an escaped or unterminated quote, a quoted keyword. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1007", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
active_cmd = "/usr/local/sbin/notify up"
rsh_command = "ssh"
virtual "my vs" {
     active = 1
     address = 192.168.1.100 eth0:1
     send = "GET / HTTP/1.0\\r\\n\\r\\n"   
     expect = "HTTP"
     server 'web 1' {
         address = 10.0.0.1
         active = 1
     }
}
virtual quotes {
     active = 1
     address = 192.168.1.101 eth0:2
     send = 'say "hi"'
     expect = ""
     server web2 {
         address = 10.0.0.2
         active = 1
     }
}
virtual escaped {
     active = 1
     address = 192.168.1.102 eth0:3
     send = "a b" 
     expect = "\\"hi\\""
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
rsh_command = "ssh"  
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     send = "say \\"hi\\""
     expect = "HTTP"   
     "port" = 80
     server web1 {
         address = '10.0.0.1
         active = 1
     }
}
virtual "ftp" {
     active = 1
     address = 192.168.1.101 eth0:2
     expect = "220
}
`,
      errors: [
        { line: 2, column: 20, endLine: 2, endColumn: 22, severity: "error", message: "Blanks after the closing quote: Piranha then looks for another" },
        { line: 6, column: 18, endLine: 6, endColumn: 25, severity: "error", message: "\\\" does not escape a quote: Piranha ends the value at this \"" },
        { line: 7, column: 21, endLine: 7, endColumn: 24, severity: "error", message: "Blanks after the closing quote: Piranha then looks for another" },
        { line: 8, column: 6, endLine: 8, endColumn: 12, severity: "error", message: "A keyword must not be quoted: write `port` without quotes." },
        { line: 10, column: 20, endLine: 10, endColumn: 29, severity: "error", message: "Unterminated single quote: there is no closing ' on this line" },
        { line: 14, column: 9, endLine: 14, endColumn: 14, severity: "error", message: "A quoted value without blanks inside must end its line: Piranha" },
        { line: 17, column: 15, endLine: 17, endColumn: 19, severity: "error", message: "Unterminated double quote: there is no closing \" on this line" },
      ],
    },
  ],
});
