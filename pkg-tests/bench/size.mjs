// `make size`: where Kite's download goes. Prints the brotli bytes of what every page fetches
// before its first paint (what the 80 KB budget counts), of each room (its own file, and with
// the files it shares with other rooms), of everything a browser can fetch (the 191,423 B
// budget), then `twiggy top` of the first paint's WebAssembly grouped by crate and by Kite's
// own modules, from a build that keeps function names.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from '../helpers.mjs';

const pkg = path.join(root, 'pkg');
const brotli = (f) => zlib.brotliCompressSync(fs.readFileSync(path.join(pkg, f)), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const raw = (f) => fs.statSync(path.join(pkg, f)).size;
const line = (name, bytes, note = '') => console.log(`  ${name.padEnd(26)} ${String(bytes).padStart(8)} B brotli${note}`);

const FIRST = ['kite-stub.js', 'kite.js', 'kite_core.js', 'kite_core_bg.wasm'];
console.log('First paint (every page):');
for (const f of FIRST) line(f, brotli(f), `  (${raw(f)} B raw)`);
const first = FIRST.reduce((sum, f) => sum + brotli(f), 0);
line('total', first, ` (budget ${80 * 1024} B)`);

const rooms = JSON.parse(fs.readFileSync(path.join(pkg, 'rooms.json'), 'utf8'));
const loader = brotli('__wasm_split.js');
console.log(`\nRooms (each fetched on first use, with the rooms' loader, ${loader} B, the first time any is):`);
console.log(`  ${'room'.padEnd(26)} ${'own file'.padStart(8)}   ${'with shared'.padStart(11)}`);
for (const [room, files] of Object.entries(rooms).sort((a, b) => a[0].localeCompare(b[0]))) {
  const all = files.reduce((sum, f) => sum + brotli(f), 0);
  console.log(`  ${room.padEnd(26)} ${String(brotli(files[0])).padStart(8)} B ${String(all).padStart(9)} B${room === 'command' ? '  (the npm command, in Node)' : ''}`);
}
const whole = new Set([...FIRST, '__wasm_split.js', ...Object.entries(rooms).filter(([r]) => r !== 'command').flatMap(([, f]) => f)]);
line('\nEvery room loaded', [...whole].reduce((sum, f) => sum + brotli(f), 0), ` in ${whole.size} files (budget 191423 B)`);

const named = path.join(root, 'target', 'size');
execFileSync('wasm-bindgen', ['--target', 'web', '--keep-debug', '--keep-lld-exports', '--out-dir', named, '--out-name', 'kite_core',
  path.join(root, 'target', 'web', 'split', 'kite_core.wasm')]);
const csv = execFileSync('twiggy', ['top', '-n', '100000', '-f', 'csv', path.join(named, 'kite_core_bg.wasm')], { encoding: 'utf8', maxBuffer: 1 << 28 });
const crates = new Map();
const modules = new Map();
for (const row of csv.split('\n').slice(1)) {
  const m = row.match(/^"?(.*?)"?,(\d+),/);
  if (!m || m[1].includes('function names')) continue;
  const [name, bytes] = [m[1].replace(/\[[0-9a-f]{16}\]/g, ''), Number(m[2])];
  const crate = name.includes('data segment') ? '(data)' : (name.match(/^<?<?([a-z_][a-z0-9_]*)/) || [, '(other)'])[1];
  crates.set(crate, (crates.get(crate) || 0) + bytes);
  const own = name.match(/kite::(\w+::\w+)/);
  if (own) modules.set(own[1], (modules.get(own[1]) || 0) + bytes);
}
const show = (title, map, n) => {
  console.log(title);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${String(v).padStart(8)}  ${k}`);
};
show('\nThe first paint\'s WebAssembly, raw bytes before wasm-opt, by crate (twiggy):', crates, 15);
show("Kite's own modules in it:", modules, 15);
