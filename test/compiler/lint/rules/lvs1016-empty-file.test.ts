/** LVS1016 empty-file: An empty file (Piranha: Empty configuration), or one with no statement at all. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1016", {
  valid: [
    {
      name: "smallest useful director",
      code: `# smallest useful director
serial_no = 1
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
}
`,
    },
  ],
  invalid: [
    {
      name: "lvs.cf: every service was removed",
      code: `# lvs.cf: every service was removed

   
# serial_no = 12
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 1, severity: "warning", message: "The file holds no statement, only blanks or comments: Piranha" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: ``,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", message: "The file is empty: Piranha refuses it (Empty configuration)." },
      ],
    },
  ],
});
