/** One lint run as the executable does it; prints its own peak RSS for the parent to record. */
import { lintMain } from "../compiler/lint/cli.ts";
import { processIO } from "../compiler/cli-io.ts";

const io = { ...processIO(), stdout: () => {} };
const code = await lintMain(["--format", "json", process.argv[2]!], io);
process.stdout.write(JSON.stringify({ exitCode: code, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
