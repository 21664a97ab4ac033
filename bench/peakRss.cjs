// Runs a Node script in this process and, when it exits, prints the process's peak resident set
// (worker threads included) on stderr as `PEAK_RSS_KB=<n>`: `node bench/peakRss.cjs <script> [args...]`.
const path = require('node:path');

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => process.stderr.write(`\nPEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`));
require(path.resolve(script));
