/** LVS1012 tokens-after-brace: Text after a closing `}` on its line; Piranha ignores it without a word. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1012", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     server web1 {
         address = 10.0.0.1
         active = 1
     }\t
} # end of web
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     server web1 {
         address = 10.0.0.1
         active = 1
     } end of web1
}   web
virtual ftp {
     active = 1
     address = 192.168.1.101 eth0:2
} ; # ftp
`,
      errors: [
        { line: 8, column: 8, endLine: 8, endColumn: 19, severity: "warning", message: "`end of web1` after `}` is ignored by Piranha. Remove it, or" },
        { line: 9, column: 5, endLine: 9, endColumn: 8, severity: "warning", message: "`web` after `}` is ignored by Piranha. Remove it, or make it a" },
        { line: 13, column: 3, endLine: 13, endColumn: 4, severity: "warning", message: "`;` after `}` is ignored by Piranha. Remove it, or make it a" },
      ],
    },
  ],
});
