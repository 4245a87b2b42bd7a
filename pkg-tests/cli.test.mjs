// The package's command, `npx kite-privacy check kite.json`: the browser's own checker (Kite's
// WebAssembly, run in Node) on the broken configs in tests/configs/, each held to the same
// lines the native `kite check` prints (tests/check.rs). And the JSON Schema the package ships,
// which editors use through "$schema": it accepts good configs and rejects broken shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { installPackage, root } from './helpers.mjs';

const installed = installPackage();
const bin = path.join(installed, '..', '.bin', 'kite-privacy');
const kite = (...args) => spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
const configs = fs.readdirSync(path.join(root, 'tests', 'configs')).filter((f) => f.endsWith('.json')).sort();

test('kite_privacy_check_prints_each_mistake_with_its_field_and_fix_as_the_native_command_does', () => {
  assert.ok(configs.length >= 8, configs.join(' '));
  for (const name of configs.filter((n) => n !== 'not-json.json')) {
    const file = `tests/configs/${name}`;
    const run = kite('check', file);
    assert.equal(run.status, 1, `${file}: ${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, fs.readFileSync(path.join(root, file.replace('.json', '.expected')), 'utf8'), file);
  }
});

test('a_file_that_is_not_json_or_cannot_be_read_says_so_in_one_line', () => {
  const run = kite('check', 'tests/configs/not-json.json');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kite: tests\/configs\/not-json\.json is not JSON: [^\n]+\. Kite would run with its safe defaults\.\n$/);
  const missing = kite('check', 'nowhere/kite.json');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^kite: can't read nowhere\/kite\.json/);
  const usage = kite('publish', 'www/site/kite.json');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /there is no command "publish"/);
});

test('a_good_config_passes_and_the_evidence_commands_print_the_report_and_inventory', () => {
  const ok = kite('check', 'www/site/kite.json');
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, 'www/site/kite.json: no mistakes found.\n');
  assert.equal(ok.stderr, '');
  const report = kite('report', 'www/site/kite.json');
  assert.equal(report.status, 0);
  assert.match(report.stdout, /\| 1\. Best interests of the child \|/);
  assert.match(report.stdout, /## Inventory/);
  const csv = kite('inventory', 'www/site/kite.json', '--csv');
  assert.equal(csv.status, 0);
  assert.match(csv.stdout, /^"Purpose","Service","Provider"/);
  assert.match(csv.stdout, /"Visit counter"/);
});

test('the_shipped_schema_accepts_good_configs_and_rejects_the_broken_shapes', () => {
  const shipped = fs.readFileSync(path.join(installed, 'pkg', 'kite.schema.json'), 'utf8');
  assert.equal(kite('schema').stdout, shipped);
  const schema = JSON.parse(shipped);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  const good = ['www/site/kite.json', ...fs.readdirSync(path.join(root, 'examples'), { recursive: true })
    .filter((f) => f.endsWith('kite.json') && !f.includes('node_modules')).map((f) => `examples/${f}`)];
  assert.ok(good.length >= 3, good.join(' '));
  for (const f of good) assert.ok(validate(read(f)), `${f}: ${JSON.stringify(validate.errors)}`);
  // Shapes the schema can see; the checker finds more (public suffixes, duplicates, ages).
  const rejects = {
    'typos.json': ['revison', 'langauge', 'servces', 'link'],
    'wrong-types.json': ['/revision', '/settingsButton', '/consentMode', '/language', '/purposes', '/links/trusted', '/links/newTab'],
    'services.json': ['/purposes/0/services/0/cookies', 'localstorage'],
    'ages-and-lifetimes.json': ['/consentMaxAgeDays', '/cookie/name'],
    'words-and-signs.json': ['/audience', 'banner.titel', '/text/cy', '/guard/mode', '/monitoring/0/by', 'what'],
  };
  for (const [name, expected] of Object.entries(rejects)) {
    assert.equal(validate(read(`tests/configs/${name}`)), false, `${name} is rejected`);
    const said = JSON.stringify(validate.errors);
    for (const e of expected) assert.ok(said.includes(e), `${name}: the schema points at ${e}: ${said}`);
  }
  // Editors show each field's description and default.
  assert.match(schema.properties.consentMaxAgeDays.description, /Days before Kite asks again/);
  assert.equal(schema.properties.revision.default, 1);
  assert.ok(schema.properties.text.properties['en-GB'].propertyNames.enum.includes('banner.title'));
});
