/** LVS2025 bad-regex: `use_regex = 1` with an `expect` that is not a valid POSIX extended regular expression, or that needs a backslash. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2025", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 29
primary = 192.168.60.56
service = lvs
network = direct
virtual status {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/1[.][01] (200|301|302)"
     use_regex = 1
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual escaped {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/1\\\\.[01] 200"
     use_regex = 1
     server web1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual classes {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/[[:digit:]][.][[:digit:]] 2[0-9]{2}"
     use_regex = 1
     server web1 {
         address = 192.168.60.134
         active = 1
     }
}
virtual wildcard {
     active = 1
     address = 192.168.60.203 eth0:4
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "OK.*ready$"
     use_regex = 1
     server web1 {
         address = 192.168.60.135
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 29
primary = 192.168.60.56
service = lvs
network = direct
virtual dot {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/1\\.1 200"
     use_regex = 1
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual paren {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP/1.[01] (200|301"
     use_regex = 1
     server web1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual star {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "*OK"
     use_regex = 1
     server web1 {
         address = 192.168.60.134
         active = 1
     }
}
virtual class {
     active = 1
     address = 192.168.60.203 eth0:4
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "[[:digits:]]+ OK"
     use_regex = 1
     server web1 {
         address = 192.168.60.135
         active = 1
     }
}
virtual digit {
     active = 1
     address = 192.168.60.204 eth0:5
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "^HTTP/1.1 \\\\d+"
     use_regex = 1
     server web1 {
         address = 192.168.60.136
         active = 1
     }
}
virtual empty {
     active = 1
     address = 192.168.60.205 eth0:6
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "OK|"
     use_regex = 1
     server web1 {
         address = 192.168.60.137
         active = 1
     }
}
virtual count {
     active = 1
     address = 192.168.60.206 eth0:7
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "x{,3}"
     use_regex = 1
     server web1 {
         address = 192.168.60.138
         active = 1
     }
}
virtual range {
     active = 1
     address = 192.168.60.207 eth0:8
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "[z-a]"
     use_regex = 1
     server web1 {
         address = 192.168.60.139
         active = 1
     }
}
virtual brace {
     active = 1
     address = 192.168.60.208 eth0:9
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "status{ok}"
     use_regex = 1
     server web1 {
         address = 192.168.60.140
         active = 1
     }
}
`,
      errors: [
        { line: 10, column: 23, endLine: 10, endColumn: 25, severity: "error", message: "`\\.` in a regular expression: nanny knows only the escapes \\\\" },
        { line: 22, column: 28, endLine: 22, endColumn: 29, severity: "error", message: "`(` is never closed with `)`: glibc's regcomp rejects the" },
        { line: 34, column: 16, endLine: 34, endColumn: 17, severity: "error", message: "`*` repeats nothing: glibc's regcomp rejects the pattern, so" },
        { line: 46, column: 17, endLine: 46, endColumn: 27, severity: "error", message: "`[:digits:]` is not a character class: glibc's regcomp rejects" },
        { line: 58, column: 26, endLine: 58, endColumn: 29, severity: "error", message: "`\\d` (written `\\\\d`) is not a POSIX escape: glibc reads it as a" },
        { line: 70, column: 18, endLine: 70, endColumn: 19, severity: "warning", message: "An empty alternative matches an empty string, so every reply" },
        { line: 82, column: 17, endLine: 82, endColumn: 21, severity: "warning", message: "The repeat count `{,3}` has no minimum, which POSIX requires" },
        { line: 94, column: 17, endLine: 94, endColumn: 20, severity: "error", message: "The range `z-a` runs backwards: glibc's regcomp rejects the" },
        { line: 106, column: 22, endLine: 106, endColumn: 26, severity: "error", message: "`{ok}` is not a repeat count: glibc's regcomp rejects the" },
      ],
    },
  ],
});
