/** LVS2042 vip-network-without-director: a VIP network that holds real servers but no address of a director. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

const config = (routers: string, mask: string) => `${routers}
network = direct
hard_shutdown = 0
virtual www {
     active = 1
     address = 192.168.12.100 eth0:1
${mask}     server web1 {
         address = 192.168.12.21
         active = 1
     }
     server web2 {
         address = 192.168.12.22
         active = 1
     }
}
`;

ruleTests("LVS2042", {
  valid: [
    { name: "the primary has an address on the VIP's network", code: config("primary = 192.168.12.2", "") },
    { name: "the private address is on it", code: config("primary = 192.168.60.10\nprimary_private = 192.168.12.2", "") },
    { name: "a /32 VIP brings up no network", code: config("primary = 192.168.60.10", "     vip_nmask = 255.255.255.255\n") },
  ],
  invalid: [
    {
      name: "the routers on one network, the VIP and the real servers on another",
      code: config("primary = 192.168.60.10", ""),
      errors: [{ line: 6, column: 6, endLine: 6, endColumn: 37, severity: "warning", message: "192.168.12.0/24, the network of the VIP 192.168.12.100 of `virtual www` as pulse brings it up, holds the real servers 192.168.12.21, 192.168.12.22 but neither `primary` nor `primary_private`" }],
    },
    {
      name: "the primary is on the network but the active backup is not",
      code: config("primary = 192.168.12.2\nbackup_active = 1\nbackup = 192.168.60.11", ""),
      errors: [{ line: 8, column: 6, endLine: 8, endColumn: 37, severity: "warning", message: "neither `backup` nor `backup_private`: on the backup director" }],
    },
  ],
});
