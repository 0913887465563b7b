/** LVS1006 glued-brace: `{` or `}` touching a word, or `{` on the line after its opener. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1006", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     send = "{x}"
     server web1\t{
         address = 10.0.0.1
         active = 1
     }
}
virtual "my vs" {
     active = 1
     address = 192.168.1.101 eth0:2
}   
`,
    },
    {
      name: "braces inside a word are part of it, as Piranha splits at blanks only",
      code: `primary = 10.0.0.1
virtual x\${IFS}y {
     active = 1
     address = 10.0.0.9 eth0:1
     send_program = /bin/check\${IFS}%h
     expect = "ok"
     server {a}b {
         address = 10.0.0.2
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "a } glued to the end of a value",
      code: `primary = 10.0.0.1
virtual web {
     active = 1
     address = 10.0.0.9 eth0:1}
`,
      errors: [{ line: 4, column: 31, endLine: 4, endColumn: 32, severity: "error", message: "`}` is glued to `eth0:1`: Piranha reads it as part of the value (`eth0:1}`)" }],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
virtual web{
     active = 1
     address = 192.168.1.100 eth0:1
     server web1{
         address = 10.0.0.1
         active = 1
     }
}
virtual ftp
{
     active = 1
     address = 192.168.1.100 eth0:1
     port = 21
     server ftp1
     {
         address = 10.0.0.5
         active = 1
     }# end of ftp1
}
`,
      errors: [
        { line: 2, column: 9, endLine: 2, endColumn: 13, severity: "error", message: "`{` is glued to `web`: Piranha reads one word and finds no `{`" },
        { line: 5, column: 13, endLine: 5, endColumn: 18, severity: "error", message: "`{` is glued to `web1`: Piranha reads one word and finds no `{`" },
        { line: 11, column: 1, endLine: 11, endColumn: 2, severity: "error", message: "The `{` of `virtual ftp` is on the next line: Piranha needs it" },
        { line: 16, column: 6, endLine: 16, endColumn: 7, severity: "error", message: "The `{` of `server ftp1` is on the next line: Piranha needs it" },
        { line: 19, column: 6, endLine: 19, endColumn: 8, severity: "error", message: "`}` is glued to the text after it: Piranha reads one word, not" },
      ],
    },
  ],
});
