// The plugin follows WordPress's own conventions, checked in the files a school uploads
// (target/kite-privacy-wordpress.zip, unpacked in target/wordpress-plugin): Debian's
// PHP_CodeSniffer with the safety sniffs in src/wordpress/phpcs.xml, every file guarded,
// every string translatable in Kite's text domain, every admin screen behind manage_options,
// no remote calls, and a readme.txt in the plugin directory's format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers.mjs';

const plugin = path.join(root, 'target', 'wordpress-plugin', 'kite-privacy');
const files = (dir, ext) => fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
const php = files(plugin, '.php');
const source = (file) => fs.readFileSync(file, 'utf8');

test('php_codesniffer_finds_nothing_in_the_plugin', () => {
  const run = spawnSync('phpcs', ['--standard=' + path.join(root, 'src', 'wordpress', 'phpcs.xml'), '-s', '--report=full', plugin], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  // The check can fail: a remote call is caught.
  const bad = path.join(root, 'target', 'phpcs-remote-call.php');
  fs.writeFileSync(bad, "<?php\nwp_remote_get( 'https://example.com/' );\n");
  const caught = spawnSync('phpcs', ['--standard=' + path.join(root, 'src', 'wordpress', 'phpcs.xml'), bad], { encoding: 'utf8' });
  assert.notEqual(caught.status, 0);
  assert.match(caught.stdout, /wp_remote_get\(\) is forbidden/);
});

test('every_php_file_refuses_to_run_on_its_own', () => {
  for (const file of php) {
    const guard = path.basename(file) === 'uninstall.php' ? "defined( 'WP_UNINSTALL_PLUGIN' ) || exit;" : "defined( 'ABSPATH' ) || exit;";
    assert.ok(source(file).includes(guard), `${path.relative(plugin, file)} has ${guard}`);
    const run = spawnSync('php', [file], { encoding: 'utf8' });
    assert.equal(run.stdout, '', `${path.relative(plugin, file)} prints nothing when opened directly`);
  }
});

test('every_string_is_translatable_in_kites_text_domain', () => {
  const call = /\b(__|_e|_x|_n|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(/g;
  const withDomain = /\b(__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,\s*'([^']*)'\s*\)/g;
  let calls = 0;
  for (const file of php) {
    const text = source(file);
    const all = [...text.matchAll(call)].length;
    const found = [...text.matchAll(withDomain)];
    calls += all;
    assert.equal(found.length, all, `${path.relative(plugin, file)}: each translation call is one string and a text domain`);
    for (const m of found) assert.equal(m[3], 'kite-privacy', `${m[2]} in ${path.relative(plugin, file)}`);
  }
  assert.ok(calls > 40, `the screens' words are translatable (${calls})`);
  const pot = fs.readFileSync(path.join(plugin, 'languages', 'kite-privacy.pot'), 'utf8');
  assert.match(pot, /msgid "Check and save"/);
  assert.match(pot, /#\. translators:/);
  // The editor script's words are translatable too (wp.i18n with the same domain).
  const blocks = source(path.join(plugin, 'admin', 'blocks.js'));
  assert.equal([...blocks.matchAll(/__\(/g)].length, [...blocks.matchAll(/__\((?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,\s*'kite-privacy'\)/g)].length);
});

test('every_admin_screen_and_action_checks_the_capability', () => {
  const all = php.map(source).join('\n');
  const screens = [...all.matchAll(/add_(?:options|management)_page\(([^;]*)\);/g)];
  assert.equal(screens.length, 2, 'Settings → Kite and Tools → Kite report');
  for (const [, args] of screens) {
    assert.match(args, /'manage_options'/);
    const callback = args.trim().split(',').pop().trim().replace(/'/g, '');
    const body = all.slice(all.indexOf(`function ${callback}(`));
    assert.match(body.slice(0, 300), /if \( ! current_user_can\( 'manage_options' \) \)/, `${callback} checks manage_options itself`);
  }
  // Saving goes through the settings API (its nonce and capability check), with a sanitiser.
  assert.match(all, /settings_fields\( 'kite_privacy' \)/);
  assert.match(all, /'sanitize_callback' => 'kite_privacy_sanitize_config'/);
  assert.doesNotMatch(all, /\$_(POST|GET|REQUEST)\b/, 'no request data read outside the settings API');
});

test('the_readme_is_in_the_plugin_directorys_format_and_agrees_with_the_plugin', () => {
  const readme = source(path.join(plugin, 'readme.txt'));
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  assert.match(readme, /^=== Kite Privacy for Schools ===\n/);
  for (const header of ['Contributors', 'Tags', 'Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License']) {
    assert.match(readme, new RegExp(`^${header}: \\S`, 'm'), header);
  }
  for (const section of ['Description', 'Installation', 'Frequently Asked Questions', 'Changelog']) assert.match(readme, new RegExp(`^== ${section} ==$`, 'm'));
  assert.match(readme, new RegExp(`^Stable tag: ${version.replace(/\./g, '\\.')}$`, 'm'));
  const main = source(path.join(plugin, 'kite-privacy.php'));
  assert.match(main, new RegExp(`^ \\* Version:\\s+${version.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(main, new RegExp(`define\\( 'KITE_PRIVACY_VERSION', '${version.replace(/\./g, '\\.')}' \\)`));
  const short = readme.split('\n\n')[1];
  assert.ok(short && short.length <= 150, `the short description is at most 150 characters: ${short?.length}`);
});
