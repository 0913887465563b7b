/**
 * The heap settings of the long-running processes. On a machine with memory to spare V8 lets the
 * heap grow to up to four times what survived the last full collection before it collects again:
 * the language server holding 150 MB for a 13 MB file reached a gigabyte and more over a few
 * hundred edits, and lvs-run checking 5,000 servers 180 MB. A fixed growth keeps a process near
 * its live size, for more full collections: the language server, whose collections follow edits,
 * takes 30%; lvs-run, whose checks make garbage without pause, 100%: at 30% its collections cost
 * it about a tenth of its CPU per check in `npm run bench`, at 100% it stays near 125 MB.
 */
import v8 from "node:v8";

export const LSP_HEAP_GROWTH_PERCENT = 30;
export const RUNTIME_HEAP_GROWTH_PERCENT = 100;

export function limitHeapGrowth(percent: number): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
