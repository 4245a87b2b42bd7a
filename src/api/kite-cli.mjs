#!/usr/bin/env node
// kite-privacy: check a Kite config before publishing it, and print the DPIA evidence from it.
// The same checker the browser runs (Kite's WebAssembly), so it reports exactly what the
// browser console would.
//
//   npx kite-privacy check kite.json              each mistake, with its field and the fix
//   npx kite-privacy inventory kite.json [--csv]  every service: purpose, cookies, storage, basis
//   npx kite-privacy report kite.json             the Children's Code report (Markdown)
//   npx kite-privacy schema                       the JSON Schema for kite.json
//
// Exit status: 0 clean, 1 mistakes (the rest is still used), 2 the file can't be used.
import fs from 'node:fs';
import { initSync, loadCommand, runCommand } from './kite_core.js';

const here = (name) => new URL(name, import.meta.url);
const [command, file, ...rest] = process.argv.slice(2);
const usage = 'usage: kite-privacy check <kite.json> | kite-privacy inventory <kite.json> [--csv] | kite-privacy report <kite.json> | kite-privacy schema';

if (command === 'schema') {
  process.stdout.write(fs.readFileSync(here('./kite.schema.json'), 'utf8'));
  process.exit(0);
}
if (!command || !file || command === '--help' || command === '-h') {
  process.stderr.write(usage + '\n');
  process.exit(command === '--help' || command === '-h' ? 0 : 2);
}
let text;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (e) {
  process.stderr.write(`kite: can't read ${file}: ${e.message}\n`);
  process.exit(2);
}
// The command's own code is a WebAssembly file that Kite's loader fetches beside this one;
// Node's fetch does not read files, so it is taught to for the package's own folder.
const webFetch = globalThis.fetch;
globalThis.fetch = (url, ...more) => (String(url).startsWith('file:')
  ? Promise.resolve(new Response(fs.readFileSync(new URL(String(url))), { headers: { 'Content-Type': 'application/wasm' } }))
  : webFetch(url, ...more));
initSync({ module: fs.readFileSync(here('./kite_core_bg.wasm')) });
if (!(await loadCommand())) {
  process.stderr.write('kite: the package is incomplete (its command\'s WebAssembly is missing); reinstall kite-privacy.\n');
  process.exit(2);
}
const [status, out, err] = runCommand(command, file, text, rest.includes('--csv'));
process.stderr.write(err);
process.stdout.write(out);
process.exitCode = status;
