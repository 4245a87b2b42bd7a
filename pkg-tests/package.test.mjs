// The packed npm package as a user receives it: what is in it, how big it is with every room
// loaded, and whether its TypeScript types hold. (What a page downloads before its first
// paint is measured in Chromium, in rooms.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { installPackage, root } from './helpers.mjs';

const installed = installPackage();
const tarball = fs.readdirSync(path.join(root, 'target')).find((f) => /^kite-privacy-.*\.tgz$/.test(f));

/** Brotli bytes of a file of the installed package, compressed as a server would send it. */
const brotli = (file) => zlib.brotliCompressSync(fs.readFileSync(path.join(installed, file)), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** Which files each room loads (written by the build from the rooms' loader). */
const rooms = JSON.parse(fs.readFileSync(path.join(installed, 'pkg', 'rooms.json'), 'utf8'));
/** What every page loads before any room: the stub, the entry, the glue and the core. */
const FIRST = ['pkg/kite-stub.js', 'pkg/kite.js', 'pkg/kite_core.js', 'pkg/kite_core_bg.wasm'];
/**
 * Everything a browser can download when every room is used: the first paint, the rooms'
 * loader and each room's files once. The command's file is the npm command's, run by Node.
 */
const WHOLE = [...new Set([...FIRST, 'pkg/__wasm_split.js', ...Object.entries(rooms).filter(([room]) => room !== 'command').flatMap(([, files]) => files.map((f) => `pkg/${f}`))])];
/** The whole product must not grow past 0.1.0's download (every room was in it). */
const WHOLE_BUDGET = 191_423;
const whole = WHOLE.reduce((sum, f) => sum + brotli(f), 0);
console.log(`# Kite, every room loaded: ${whole} B brotli (budget ${WHOLE_BUDGET} B) in ${WHOLE.length} files`);

test('the_tarball_holds_the_package_and_nothing_else', () => {
  const listing = execFileSync('tar', ['-tzf', path.join(root, 'target', tarball)], { encoding: 'utf8' }).trim().split('\n').sort();
  const roomFiles = [...new Set(Object.values(rooms).flat())].map((f) => `package/pkg/${f}`);
  assert.ok(roomFiles.length > 10, 'the rooms are files of their own');
  assert.deepEqual(listing, [
    'package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/package.json',
    'package/pkg/__wasm_split.js', 'package/pkg/kite-cli.mjs', 'package/pkg/kite-stub.js', 'package/pkg/kite.d.ts', 'package/pkg/kite.js', 'package/pkg/kite.schema.json',
    'package/pkg/kite_core.d.ts', 'package/pkg/kite_core.js', 'package/pkg/kite_core_bg.wasm', 'package/pkg/kite_core_bg.wasm.d.ts', 'package/pkg/rooms.json',
    ...roomFiles,
  ].sort());
  for (const room of ['prefs', 'leaving', 'notices', 'rights', 'monitoring', 'guard', 'audit', 'report', 'receipts', 'wording', 'speech', 'welsh', 'command']) {
    assert.ok(rooms[room]?.length, `the ${room} room has its own file`);
  }
});

test('npm_publish_dry_run_accepts_the_package_and_its_metadata_is_complete', () => {
  const meta = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  for (const field of ['description', 'keywords', 'license', 'exports', 'types', 'files', 'sideEffects', 'bin', 'engines'])
    assert.ok(meta[field], `package.json has ${field}`);
  assert.match(meta.version, /^\d+\.\d+\.\d+$/, 'semantic versioning');
  assert.match(fs.readFileSync(path.join(installed, 'CHANGELOG.md'), 'utf8'), new RegExp(`## ${meta.version.replaceAll('.', '\\.')}`), 'the CHANGELOG has this version');
  const run = spawnSync('npm', ['publish', '--dry-run', '--json', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const output = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
  const published = output['kite-privacy'] ?? output; // npm 11 keys the result by name
  assert.equal(published.name, 'kite-privacy');
  assert.ok(published.files.some((f) => f.path === 'pkg/kite.schema.json'));
});

test('the_stub_is_small_and_synchronous', () => {
  const stub = fs.readFileSync(path.join(installed, 'pkg/kite-stub.js'), 'utf8');
  // Under 2 KB: it queues calls, sets Consent Mode to denied and starts fetching the core.
  assert.ok(stub.length < 2048, `${stub.length} bytes`);
  assert.doesNotMatch(stub, /\bimport\b|\bexport\b|\basync\b|\bawait\b/, 'a classic script that runs at once');
});

test('every_room_loaded_together_is_no_bigger_than_kite_0_1_0', () => {
  assert.ok(whole <= WHOLE_BUDGET, `${whole} B brotli for ${WHOLE.join(', ')}; budget ${WHOLE_BUDGET} B`);
});

test('the_typescript_types_accept_good_code_and_catch_mistakes', () => {
  const project = path.join(root, 'target', 'pkg-tests', 'scratch');
  const types = path.join(project, 'types');
  fs.rmSync(types, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'pkg-tests', 'types'), types, { recursive: true });
  const tsc = path.join(root, 'pkg-tests', 'node_modules', 'typescript', 'bin', 'tsc');
  const check = (file) => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'pkg-tests', 'types', 'tsconfig.json'), 'utf8'));
    fs.writeFileSync(path.join(types, 'tsconfig.json'), JSON.stringify({ ...config, files: [file] }));
    return spawnSync(process.execPath, [tsc, '-p', types], { encoding: 'utf8' });
  };
  const good = check('dashboard.ts');
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = check('wrong.ts');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /wrong\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/, 'revision must be a number');
  assert.match(bad.stdout, /wrong\.ts\(4,\d+\): error TS2322: Type 'string' is not assignable to type 'boolean'/, 'choices are true or false');
  assert.match(bad.stdout, /wrong\.ts\(5,\d+\): error TS2345: Argument of type '"complain"' is not assignable/, 'rights routes are named');
});
