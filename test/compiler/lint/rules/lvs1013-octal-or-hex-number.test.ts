/** LVS1013 octal-or-hex-number: A number or address part written with a leading 0 (octal) or 0x (hex), or an address in short form. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1013", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 100
primary = 192.168.1.10
backup = 0.0.0.0
keepalive = 0
deadtime = 10
virtual web {
     active = 1
     address = 192.168.1.100 eth0:10
     vip_nmask = 255.255.255.0
     fwmark = 100
     send = "0x10"
     expect = 010
     reentry = 0
     server web1 {
         address = 10.0.0.100
         active = 1
         weight = 0
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.001.010
backup = 0x0a000002
keepalive = 010
deadtime = 0x10
backup_active = 01
virtual web {
     active = 1
     address = 10.1 eth0:1
     vip_nmask = 255.255.255.000
     fwmark = 0X1F
     persistent = 0300
     pmask = 0xffffff00
     server web1 {
         address = 10.0.0.1
         active = 1
         weight = 007
     }
}
`,
      errors: [
        { line: 2, column: 11, endLine: 2, endColumn: 26, severity: "error", message: "`192.168.001.010` has octal or hex parts: Piranha reads" },
        { line: 3, column: 10, endLine: 3, endColumn: 20, severity: "warning", message: "`0x0a000002` has octal or hex parts: Piranha reads 10.0.0.2." },
        { line: 4, column: 13, endLine: 4, endColumn: 16, severity: "error", message: "`010` is octal: Piranha reads 8, not 10. Write 8 in decimal." },
        { line: 5, column: 12, endLine: 5, endColumn: 16, severity: "warning", message: "`0x10` is hexadecimal: Piranha reads 16. Write 16 in decimal." },
        { line: 6, column: 17, endLine: 6, endColumn: 19, severity: "warning", message: "`01` is octal: Piranha reads 1. Write 1 in decimal." },
        { line: 9, column: 16, endLine: 9, endColumn: 20, severity: "warning", message: "`10.1` is a short address form: Piranha reads 10.0.0.1. Write" },
        { line: 10, column: 18, endLine: 10, endColumn: 33, severity: "warning", message: "`255.255.255.000` has octal or hex parts: Piranha reads" },
        { line: 11, column: 15, endLine: 11, endColumn: 19, severity: "warning", message: "`0X1F` is hexadecimal: Piranha reads 31. Write 31 in decimal." },
        { line: 12, column: 19, endLine: 12, endColumn: 23, severity: "error", message: "`0300` is octal: Piranha reads 192, not 300. Write 192 in" },
        { line: 13, column: 14, endLine: 13, endColumn: 24, severity: "warning", message: "`0xffffff00` has octal or hex parts: Piranha reads" },
        { line: 17, column: 19, endLine: 17, endColumn: 22, severity: "warning", message: "`007` is octal: Piranha reads 7. Write 7 in decimal." },
      ],
    },
  ],
});
