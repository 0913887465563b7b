/** Where the benchmark's loopback TCP servers listen: 50 addresses × as many ports as needed. */
export function checkedServer(i: number): { address: string; port: number } {
  return { address: `127.0.0.${1 + (i % 50)}`, port: 20000 + Math.floor(i / 50) };
}
