/** LVS2041 classful-vip-mask: a VIP without vip_nmask in a class A or B network. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

const config = (address: string, mask: string) => `primary = ${address.replace(/\.\d+$/, ".2")}
network = direct
hard_shutdown = 0
virtual www {
     active = 1
     address = ${address} eth0:1
${mask}     server web1 {
         address = ${address.replace(/\.\d+$/, ".21")}
         active = 1
     }
}
virtual www443 {
     active = 1
     address = ${address} eth0:1
     port = 443
${mask}     server web1 {
         address = ${address.replace(/\.\d+$/, ".21")}
         active = 1
     }
}
`;

ruleTests("LVS2041", {
  valid: [
    { name: "a VIP with its network's mask", code: config("10.20.0.10", "     vip_nmask = 255.255.255.0\n") },
    { name: "a class C VIP without vip_nmask: its classful mask is /24", code: config("192.168.12.10", "") },
  ],
  invalid: [
    {
      name: "a class A VIP without vip_nmask, reported once for its two virtual servers",
      code: config("10.20.0.10", ""),
      errors: [{ line: 6, column: 6, endLine: 6, endColumn: 33, severity: "warning", message: "sets no `vip_nmask`, so pulse brings 10.20.0.10 up on eth0:1 with its classful mask 255.0.0.0 (/8)" }],
    },
    {
      name: "a class B VIP with vip_nmask = 0.0.0.0, as piranha-gui writes it",
      code: config("172.16.11.210", "     vip_nmask = 0.0.0.0\n"),
      errors: [{ line: 6, column: 6, endLine: 6, endColumn: 36, severity: "warning", message: "sets `vip_nmask = 0.0.0.0`, which leaves the mask to ifconfig, so pulse brings 172.16.11.210 up on eth0:1 with its classful mask 255.255.0.0 (/16)" }],
    },
  ],
});
