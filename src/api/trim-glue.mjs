// Build step (not shipped): removes what wasm-bindgen exports for classes no Kite code can
// create. Leptos depends on server functions, whose streaming support (wasm-streams) exports
// IntoUnderlyingSource, IntoUnderlyingSink and IntoUnderlyingByteSource to JavaScript. A
// client-side Kite never makes one, but exported functions survive dead-code elimination,
// so they cost about 1.8 KB brotli. `--before-split` drops their exports from the linked
// WebAssembly, so that wasm-split-cli, which follows every reference, keeps nothing only they
// reach (after the split, binaryen could not tell: the core's function table is exported to
// the rooms). Without `--before-split`, it drops their JavaScript classes from the glue.
//
// Then it gives the functions the WebAssembly imports from the glue, and those it exports to
// the glue, short names: wasm-bindgen names each import after its method and a 16-digit hash
// (`__wbg_getAttribute_e1c6a8f8a1b2c3d4`) and some exports after their whole Rust type (up to
// 330 characters), each written twice (in the wasm and in the glue), which costs about 6 KB
// brotli of the first download; `a`, `b`, … are the same functions. The exports the rooms'
// loader takes from the core (`memory`, the function table, `__wasm_split_*`) keep their names.
//
// usage: node trim-glue.mjs --before-split target.wasm out.wasm
//        node trim-glue.mjs pkg/kite_core.js pkg/kite_core_bg.wasm
// (the matching .d.ts files beside them are trimmed too)
// It fails loudly if wasm-bindgen's output no longer looks as expected (it is pinned).
import fs from 'node:fs';

const CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const STREAMS = /intounderlying/i;

// Reading and writing WebAssembly sections.
const leb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
};
const bytes = (text) => Buffer.concat([leb(Buffer.byteLength(text)), Buffer.from(text)]);
function reader(wasm) {
  const r = { at: 8 };
  r.leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = wasm[r.at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  r.name = () => {
    const length = r.leb();
    const name = wasm.toString('utf8', r.at, r.at + length);
    r.at += length;
    return name;
  };
  return r;
}

if (process.argv[2] === '--before-split') {
  const [, input, output] = process.argv.slice(2);
  const wasm = fs.readFileSync(input);
  const r = reader(wasm);
  const parts = [wasm.subarray(0, 8)];
  let dropped = 0;
  while (r.at < wasm.length) {
    const start = r.at;
    const id = wasm[r.at++];
    const end = r.leb() + r.at;
    if (id !== 7) {
      parts.push(wasm.subarray(start, end));
      r.at = end;
      continue;
    }
    const count = r.leb();
    const kept = [];
    for (let i = 0; i < count; i++) {
      const entry = r.at;
      const name = r.name();
      r.at++;
      r.leb();
      if (STREAMS.test(name)) dropped++;
      else kept.push(wasm.subarray(entry, r.at));
    }
    const body = Buffer.concat([leb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), leb(body.length), body);
    r.at = end;
  }
  if (!dropped) throw new Error(`trim-glue: no streams exports in ${input}`);
  fs.writeFileSync(output, Buffer.concat(parts));
  process.exit(0);
}

const [jsPath, wasmPath] = process.argv.slice(2);

let glue = fs.readFileSync(jsPath, 'utf8');
for (const name of CLASSES) {
  const start = glue.indexOf(`export class ${name} {`);
  const last = `if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`;
  const end = glue.indexOf(last, start);
  if (start < 0 || end < 0) throw new Error(`trim-glue: class ${name} not found in ${jsPath}`);
  glue = glue.slice(0, start) + glue.slice(end + last.length);
  const registry = new RegExp(`const ${name}Finalization = [\\s\\S]*?;\\n`);
  if (!registry.test(glue)) throw new Error(`trim-glue: ${name}Finalization not found in ${jsPath}`);
  glue = glue.replace(registry, '');
}
// wasm-bindgen imports the rooms' loader once per room, each under the same key, and
// statically, so every page would fetch it. Once is enough, and only when a room is first
// needed: each loader function stands in for the real one and imports the loader on its call.
const loaderImport = /^import \* as (import\d+) from "\.\/__wasm_split\.js"\n/gm;
if (loaderImport.test(glue)) {
  glue = glue.replace(loaderImport, '');
  let first = true;
  glue = glue.replace(/^( *)"\.\/__wasm_split\.js": import\d+,\n/gm, (_, indent) => (first ? ((first = false), `${indent}"./__wasm_split.js": rooms,\n`) : ''));
  // If the loader itself cannot load, the room's load fails (the table call tells the wasm).
  glue = 'const rooms = new Proxy({}, { get: (_, name) => (callback, data) => import("./__wasm_split.js").then('
    + '(loader) => loader[name](callback, data), '
    + '(error) => { console.error(error); wasm.__indirect_function_table.get(callback)(data, false); }) });\n' + glue;
}
const left = glue.match(/.{0,60}intounderlying.{0,20}/i);
if (left) throw new Error(`trim-glue: still referenced: ${left[0]}`);
fs.writeFileSync(jsPath, glue);

// Their declarations: kite_core.d.ts (the classes and ReadableStreamType) and kite_core_bg.wasm.d.ts.
const typesPath = jsPath.replace(/\.js$/, '.d.ts');
let types = fs.readFileSync(typesPath, 'utf8').replace(/\/\*\*\n \* The `ReadableStreamType` enum[\s\S]*?export type ReadableStreamType = [^;]*;\n\n/, '');
for (const name of CLASSES) types = types.replace(new RegExp(`export class ${name} \\{[^}]*\\}\\n\\n`), '');
fs.writeFileSync(typesPath, types.split('\n').filter((l) => !/ intounderlying|__wbg_intounderlying/.test(l)).join('\n'));
const wasmTypesPath = `${wasmPath}.d.ts`;
fs.writeFileSync(wasmTypesPath, fs.readFileSync(wasmTypesPath, 'utf8').split('\n').filter((l) => !/intounderlying/.test(l)).join('\n'));
for (const path of [typesPath, wasmTypesPath]) {
  if (/intounderlying|ReadableStreamType/i.test(fs.readFileSync(path, 'utf8'))) throw new Error(`trim-glue: declarations left in ${path}`);
}

const exported = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(wasmPath))).map((e) => e.name);
if (exported.some((name) => STREAMS.test(name))) throw new Error(`trim-glue: streams exports left in ${wasmPath}; run --before-split on the linked wasm`);

// Short import names. The import section is rewritten in place; every other section is kept.
const GLUE_MODULE = './kite_core_bg.js';
const shortName = (i) => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % letters.length] + name;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return name;
};
const wasm = fs.readFileSync(wasmPath);
const r = reader(wasm);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
const exportsRenamed = new Map();
glue = fs.readFileSync(jsPath, 'utf8');
while (r.at < wasm.length) {
  const sectionStart = r.at;
  const id = wasm[r.at++];
  const size = r.leb();
  const end = r.at + size;
  if (id === 7) {
    const count = r.leb();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const field = r.name();
      const descStart = r.at;
      r.at++;
      r.leb();
      let name = field;
      // Only exports the glue calls as `wasm.name` and nothing else asks for by name.
      const uses = glue.split(new RegExp(`\\bwasm\\.${field.replace(/[$]/g, '\\$&')}\\b`)).length - 1;
      if (uses > 0 && !/^(memory|__indirect_function_table|__wasm_split_.*|__wbindgen_start)$/.test(field)) {
        name = '$' + shortName(exportsRenamed.size);
        exportsRenamed.set(field, name);
      }
      entries.push(bytes(name), wasm.subarray(descStart, r.at));
    }
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([7]), leb(body.length), body);
    r.at = end;
    continue;
  }
  if (id !== 2) {
    parts.push(wasm.subarray(sectionStart, end));
    r.at = end;
    continue;
  }
  const count = r.leb();
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    const module = r.name();
    const field = r.name();
    const descStart = r.at;
    const kind = wasm[r.at++];
    if (kind === 0) r.leb();
    else if (kind === 1 || kind === 2) {
      if (kind === 1) r.at++;
      const flags = r.leb();
      r.leb();
      if (flags & 1) r.leb();
    } else if (kind === 3) r.at += 2;
    else if (kind === 4) { r.at++; r.leb(); }
    else throw new Error(`trim-glue: unknown import kind ${kind}`);
    let name = field;
    if (module === GLUE_MODULE) {
      name = shortName(renamed.size);
      renamed.set(field, name);
    }
    entries.push(bytes(module), bytes(name), wasm.subarray(descStart, r.at));
  }
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), leb(body.length), body);
  r.at = end;
}
for (const [long, short] of exportsRenamed) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${long.replace(/[$]/g, '\\$&')}\\b`, 'g'), `wasm.${short}`);
}
for (const [long, short] of renamed) {
  const key = `\n        ${long}: function(`;
  if (glue.split(key).length !== 2) throw new Error(`trim-glue: import ${long} is not defined once in ${jsPath}`);
  glue = glue.replace(key, `\n        ${short}: function(`);
}
fs.writeFileSync(jsPath, glue);
fs.writeFileSync(wasmPath, Buffer.concat(parts));
