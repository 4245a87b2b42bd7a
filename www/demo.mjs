// `make demo`: serves the demo school site with the freshly built package on 127.0.0.1.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServers } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = process.argv.indexOf('--port');
const port = arg > 0 ? Number(process.argv[arg + 1]) : 8080;
const servers = await startServers({ kiteDir: path.join(here, '..', 'pkg'), port, trackerPort: port + 1 });
console.log(`Oakfield High School demo: ${servers.site}/`);
console.log(`  Welsh: ${servers.site}/cy/   strict CSP: ${servers.site}/?csp=strict`);
console.log(`Documentation: ${servers.site}/docs/ (getting started, config and API reference, the Children's Code, the gallery)`);
console.log(`Pretend third-party trackers and embeds: ${servers.tracker} (requests are logged below)`);
console.log('Press Ctrl+C to stop.');
console.log(`The school's consent receipt endpoint: ${servers.site}/receipts (receipts are logged below)`);
const seen = { n: 0, r: 0 };
setInterval(() => {
  for (; seen.n < servers.requests.length; seen.n++) console.log(`  tracker request: ${servers.requests[seen.n].path}${servers.requests[seen.n].query}`);
  for (; seen.r < servers.receipts.length; seen.r++) console.log(`  consent receipt: ${JSON.stringify(servers.receipts[seen.r])}`);
}, 500);
