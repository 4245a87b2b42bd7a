// Build step (not shipped): puts the rooms' WebAssembly files (split off by wasm-split-cli)
// beside Kite's glue, each optimised by wasm-opt, and the loader wasm-split-cli wrote for them
// (`__wasm_split.js`) with two changes:
// - a file that cannot be fetched fails with an error that names it and the HTTP status
//   (the loader logs it; Kite then says what did not happen because of it);
// - a server that sends .wasm files without `Content-Type: application/wasm` (common on
//   school CMS hosting) still works: the file is compiled from its bytes instead of streamed.
// It also writes `rooms.json`: which files each room needs, for `make size` and the tests.
//
// usage: node rooms.mjs <split dir> <pkg dir> <wasm-opt> <wasm-opt flags…>
// It fails loudly if the loader no longer looks as expected (wasm-split-cli is pinned).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const [splitDir, pkgDir, wasmOpt, ...flags] = process.argv.slice(2);

const chunks = fs.readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== 'kite_core.wasm');
for (const file of chunks) {
  // wasm-opt warns about the name section's newer subsections, which --strip-debug drops.
  const run = spawnSync(wasmOpt, [...flags, '--strip-debug', path.join(splitDir, file), '-o', path.join(pkgDir, file)], { encoding: 'utf8' });
  process.stderr.write(run.stderr.split('\n').filter((l) => l && !l.startsWith('warning: unknown name subsection')).map((l) => l + '\n').join(''));
  if (run.status !== 0) throw new Error(`rooms.mjs: wasm-opt failed on ${file}`);
}

let loader = fs.readFileSync(path.join(splitDir, '__wasm_split.js'), 'utf8');
const fetchAt = 'const src = fetch(new URL(';
const streamAt = 'WebAssembly.instantiateStreaming(src, imports)';
const fetches = loader.split(fetchAt).length - 1;
if (fetches !== chunks.length || loader.split(streamAt).length - 1 !== fetches) {
  throw new Error(`rooms.mjs: expected ${chunks.length} fetches in __wasm_split.js, found ${fetches}; has wasm-split-cli changed?`);
}
loader = loader.replaceAll(fetchAt, 'const src = kiteFetch(new URL(').replaceAll(streamAt, 'kiteInstantiate(src, imports)');
loader += `
function kiteFetch(url) {
  const name = url.pathname.split('/').pop();
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error('Kite could not load ' + name + ' (HTTP ' + response.status + ' from ' + url + ')');
    return response;
  }, (error) => {
    throw new Error('Kite could not load ' + name + ' from ' + url + ': ' + error.message);
  });
}
async function kiteInstantiate(src, imports) {
  const response = await src;
  if ((response.headers.get('Content-Type') || '').split(';')[0].trim() === 'application/wasm') return WebAssembly.instantiateStreaming(response, imports);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;
fs.writeFileSync(path.join(pkgDir, '__wasm_split.js'), loader);

// Which files each room loads: `export const __wasm_split_load_<room> =
// wrapAsyncCb(makeLoad(<fetch of its own file, or none>, [<shared chunks>]))`.
const files = {};
for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\([\s\S]*?new URL\("\.\/([^"]+)"/g)) files[m[1]] = m[2];
const rooms = {};
for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n?, \[([^\]]*)\]\)\);/g)) {
  const own = m[2].match(/new URL\("\.\/([^"]+)"/);
  const shared = m[3].split(',').map((s) => s.trim()).filter(Boolean).map((c) => files[c]);
  rooms[m[1]] = [...(own ? [own[1]] : []), ...shared];
}
if (Object.keys(rooms).length === 0) throw new Error('rooms.mjs: no rooms found in __wasm_split.js');
fs.writeFileSync(path.join(pkgDir, 'rooms.json'), JSON.stringify(rooms, null, 1) + '\n');
