// `make size`: where Kite's download goes. Prints the brotli bytes of each file a browser
// downloads (what the budget counts), then `twiggy top` of the WebAssembly grouped by crate
// and Kite's own modules, from a build that keeps function names.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from '../helpers.mjs';

const pkg = path.join(root, 'pkg');
const files = ['kite-stub.js', 'kite.js', 'kite_core.js', 'kite_core_bg.wasm'];
let total = 0;
for (const f of files) {
  const raw = fs.readFileSync(path.join(pkg, f));
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  console.log(`${f.padEnd(20)} ${String(raw.length).padStart(8)} B raw ${String(br).padStart(8)} B brotli`);
}
console.log(`${'total'.padEnd(20)} ${''.padStart(8)}       ${String(total).padStart(8)} B brotli (budget ${60 * 1024} B)\n`);

const named = path.join(root, 'target', 'size');
execFileSync('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', named, '--out-name', 'kite_core',
  path.join(root, 'target', 'wasm32-unknown-unknown', 'release', 'kite.wasm')]);
const csv = execFileSync('twiggy', ['top', '-n', '100000', '-f', 'csv', path.join(named, 'kite_core_bg.wasm')], { encoding: 'utf8', maxBuffer: 1 << 28 });
const crates = new Map();
const modules = new Map();
for (const line of csv.split('\n').slice(1)) {
  const m = line.match(/^"?(.*?)"?,(\d+),/);
  if (!m || m[1].includes('function names')) continue;
  const [name, bytes] = [m[1], Number(m[2])];
  const crate = name.includes('data segment') ? '(data)' : (name.match(/^<?<?([a-z_][a-z0-9_]*)/) || [, '(other)'])[1];
  crates.set(crate, (crates.get(crate) || 0) + bytes);
  const own = name.match(/kite::(\w+::\w+)/);
  if (own) modules.set(own[1], (modules.get(own[1]) || 0) + bytes);
}
const show = (title, map, n) => {
  console.log(title);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${String(v).padStart(8)}  ${k}`);
};
show('twiggy, raw bytes before wasm-opt, by crate:', crates, 15);
show("Kite's own modules:", modules, 12);
