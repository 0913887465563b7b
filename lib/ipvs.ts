/** How the kernel's IPVS keeps what ipvsadm is given: facts the compiler and the runtime share. */

export type ForwardingMethod = "nat" | "direct" | "tunnel";

/**
 * The port the kernel keeps a real server at. With direct routing or tunnelling, a service that
 * is not a firewall mark sends packets on to the port the client used, so the destination takes
 * the service's port whatever port it was given.
 */
export function destinationPort(method: ForwardingMethod, fwmark: boolean, servicePort: number, serverPort: number): number {
  return method === "nat" || fwmark ? serverPort : servicePort;
}
