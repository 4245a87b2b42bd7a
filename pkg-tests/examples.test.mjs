// Each example in examples/ as its users would run it, in Chromium: the school admin's plain
// HTML (the package as a CDN-style static folder), the Vite + TypeScript dashboard and the
// React app (bundler builds from the packed tarball), and the import map (no bundler).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServers } from '../www/server.mjs';
import { axe, installPackage, root, launch, kiteReady, banner, preferences, settle, screenshotPath, closeBrowsers } from './helpers.mjs';


const installed = installPackage();
const tarball = path.join(root, 'target', fs.readdirSync(path.join(root, 'target')).find((f) => /^kite-privacy-.*\.tgz$/.test(f)));
const open = [];
after(async () => { await closeBrowsers(); await Promise.all(open.map((s) => s.close())); });

/** Serves `dir` as the site, with the installed package's pkg/ folder at /kite/. */
async function serveDir(dir) {
  const servers = await startServers({ kiteDir: path.join(installed, 'pkg'), siteDir: dir });
  open.push(servers);
  return servers;
}

/** Copies an example out of the source tree, installs the packed tarball and its other dependencies, and runs `steps` (npm scripts). */
function build(name, steps) {
  const dir = path.join(root, 'target', 'examples', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'examples', name), dir, { recursive: true, filter: (f) => !/node_modules|dist/.test(path.relative(root, f)) });
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stdout + install.stderr);
  const results = {};
  for (const step of steps) results[step] = spawnSync('npm', ['run', '--silent', step], { cwd: dir, encoding: 'utf8' });
  return { dir, results };
}

/** Third-party requests (Google, YouTube, Vimeo) answered locally and recorded: nothing leaves the machine. */
async function thirdParties(browser) {
  const seen = [];
  await browser.context.route(/^https:\/\//, (route) => {
    const url = route.request().url();
    seen.push(url);
    const html = route.request().resourceType() === 'document';
    route.fulfill({ status: 200, contentType: html ? 'text/html' : 'text/javascript', body: html ? '<!doctype html><title>Embedded</title><p>Embedded</p>' : '' });
  });
  return seen;
}

test('plain_html_the_snippet_holds_ga4_gtm_youtube_vimeo_maps_and_forms_until_each_is_allowed', async () => {
  const servers = await serveDir(path.join(root, 'examples', 'plain-html'));
  const browser = await launch();
  const seen = await thirdParties(browser);
  const page = await browser.page();
  await page.goto(servers.site + '/');
  await kiteReady(page);
  await banner(page).waitFor();
  assert.deepEqual(await page.evaluate(() => window.kite.errors), [], 'the example config is clean');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: screenshotPath('example-plain-html') });
  await banner(page).locator('[data-action="ok"]').click(); // a primary school: children are told, not asked
  await banner(page).waitFor({ state: 'detached' });
  await settle(page);
  assert.deepEqual(seen, [], 'nothing reached Google, YouTube or Vimeo');

  // A child may load one video once; it comes from youtube-nocookie.com.
  const youtube = page.frameLocator('iframe[data-kite="functional/youtube"]');
  await youtube.locator('[data-action="once"]').click();
  await page.waitForFunction(() => document.querySelector('iframe[data-kite="functional/youtube"]').src.includes('youtube-nocookie.com'));
  await settle(page);
  assert.deepEqual(seen, ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ']);
  for (const kind of ['vimeo', 'maps', 'forms']) {
    await page.frameLocator(`iframe[data-kite="functional/${kind}"]`).locator('[data-action="once"]').waitFor();
  }

  // The footer's elements sit in the footer, in the page's flow, and work by keyboard.
  for (const tag of ['kite-consent', 'kite-rights']) {
    const inFooter = await page.locator(`${tag} button`).evaluate((b) => {
      const box = b.getBoundingClientRect(), footer = b.getRootNode().host.closest('footer').getBoundingClientRect();
      return getComputedStyle(b).position === 'static' && box.top >= footer.top && box.bottom <= footer.bottom + 1;
    });
    assert.ok(inFooter, `${tag}'s button is in the footer`);
  }
  assert.equal(await page.locator('kite-root .kite-settings').count(), 0, 'no corner button: the page has <kite-consent>');
  await page.locator('kite-consent button').focus();
  await page.keyboard.press('Enter');
  await preferences(page).waitFor();
  await page.keyboard.press('Escape');
  await preferences(page).waitFor({ state: 'detached' });
  await page.locator('kite-rights button').focus();
  await page.keyboard.press('Enter');
  const rights = page.locator('kite-root [role="dialog"]', { hasText: 'Your information' });
  await rights.waitFor();
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Escape');
  await rights.waitFor({ state: 'detached' });

  // A parent allows analytics: GA4 and GTM load, with no reload.
  await page.evaluate(() => window.kite.consent.set({ analytics: true }, { by: 'guardian' }));
  const want = ['https://www.googletagmanager.com/gtag/js?id=G-EXAMPLE123', 'https://www.googletagmanager.com/gtm.js?id=GTM-EXAMPLE'];
  for (let i = 0; i < 40 && !want.every((u) => seen.includes(u)); i++) await settle(page, 100);
  for (const u of want) assert.ok(seen.includes(u), `${u} loaded once allowed: ${seen.join(' ')}`);
  assert.ok(!seen.some((u) => u.includes('vimeo')), 'functional stays off');

  // The school's font from Google Fonts waited for its own choice, and loads once allowed.
  assert.ok(!seen.some((u) => u.includes('fonts.g')), 'no request to Google Fonts yet');
  await page.evaluate(() => window.kite.consent.set({ 'functional/fonts': true }, { by: 'guardian' }));
  for (let i = 0; i < 40 && !seen.some((u) => u.startsWith('https://fonts.googleapis.com/css2')); i++) await settle(page, 100);
  assert.ok(seen.some((u) => u.startsWith('https://fonts.googleapis.com/css2?family=Lexend')), seen.join(' '));
  assert.ok(!seen.some((u) => u.includes('vimeo')), 'the other functional services stay off');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('import_map_the_package_loads_as_an_es_module_by_name_with_no_bundler', async () => {
  const servers = await serveDir(path.join(root, 'examples', 'import-map'));
  const browser = await launch();
  const page = await browser.page();
  await page.goto(servers.site + '/');
  await banner(page).waitFor();
  assert.equal(await page.locator('#choice').textContent(), 'Dim dewis eto');
  assert.match(await banner(page).innerText(), /Derbyn y cyfan|Gwrthod y cyfan/, 'in Welsh, from <html lang="cy">');
  await banner(page).locator('[data-action="accept"]').click();
  await page.waitForFunction(() => document.querySelector('#choice').textContent.startsWith('Wedi dewis'));
  assert.equal(await page.locator('#choice').textContent(), 'Wedi dewis: necessary, analytics');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('dashboard_esm_type_checks_builds_with_vite_and_runs_from_the_build_output', async () => {
  const { dir, results } = build('dashboard-esm', ['check', 'build']);
  assert.equal(results.check.status, 0, `tsc --noEmit: ${results.check.stdout}${results.check.stderr}`);
  assert.equal(results.build.status, 0, results.build.stdout + results.build.stderr);
  const assets = fs.readdirSync(path.join(dir, 'dist', 'assets'));
  assert.ok(assets.some((f) => /^kite_core_bg-.*\.wasm$/.test(f)), `Vite copied the WebAssembly: ${assets}`);

  const servers = await serveDir(path.join(dir, 'dist'));
  const browser = await launch();
  const page = await browser.page();
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto(servers.site + '/');
  assert.match((await wasm).url(), /\/assets\/kite_core_bg-.*\.wasm$/);
  await banner(page).waitFor();
  assert.equal(await page.locator('#pupil').textContent(), 'Sam, Year 7');
  assert.equal(await page.getAttribute('html', 'data-age-band'), '10-12', 'Year 7 is the 10–12 band');
  assert.match(await page.locator('kite-monitoring button').innerText(), /teacher can see your work and messages/i, 'the sign sits where the dashboard put it');
  await banner(page).locator('[data-action="ok"]').click();
  await banner(page).waitFor({ state: 'detached' });
  assert.deepEqual(await axe(page), []);

  // Photo upload: the notice comes before the file picker.
  const notice = page.locator('kite-root [role="dialog"]', { hasText: 'Sending a photo of your homework' });
  await page.locator('#photo').click();
  await notice.waitFor();
  assert.match(await notice.innerText(), /Only your teacher sees it/);
  const chooser = page.waitForEvent('filechooser');
  await notice.locator('[data-action="ok"]').click();
  await (await chooser).setFiles({ name: 'plant-diary.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) });
  assert.equal(await page.locator('#photo-status').textContent(), 'Ready to send: plant-diary.jpg');

  // Messages: the notice first, then the contact-details guard before a phone number goes.
  await page.locator('#message').focus();
  const messageNotice = page.locator('kite-root [role="dialog"]').first();
  await messageNotice.waitFor();
  await messageNotice.locator('[data-action="ok"]').click();
  await page.locator('#message').fill('my number is 07700 900123');
  await page.locator('#chat button[type="submit"]').click();
  const warning = page.locator('kite-root [role="dialog"]', { hasText: /phone/i });
  await warning.waitFor();
  await page.keyboard.press('Enter'); // "Change my message" has focus
  await warning.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#sent li').count(), 0, 'not sent');

  // The dashboard follows consent: a parent allows learning insights, then it is withdrawn.
  await page.evaluate(() => window.kite.consent.set({ analytics: true }, { by: 'guardian' }));
  await page.waitForFunction(() => document.querySelector('#insights').textContent.startsWith('On.'));
  assert.ok(await page.evaluate(() => localStorage.getItem('insights_started')));
  await page.evaluate(() => window.kite.consent.set('none', { by: 'guardian' }));
  await page.waitForFunction(() => document.querySelector('#insights').textContent.startsWith('Off.'));
  await page.waitForFunction(() => localStorage.getItem('insights_started') === null, null, { timeout: 5000 }); // its storage was deleted

  // Log out: the sign goes with the pupil.
  await page.locator('#logout').click();
  await page.waitForFunction(() => !document.querySelector('kite-monitoring').shadowRoot?.textContent.includes('teacher'));
  await page.screenshot({ path: screenshotPath('example-dashboard-esm') });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('custom_elements_in_react_need_no_wrappers_and_follow_react_rendering', async () => {
  const { dir, results } = build('custom-elements-react', ['build']);
  assert.equal(results.build.status, 0, results.build.stdout + results.build.stderr);
  const servers = await serveDir(path.join(dir, 'dist'));
  const browser = await launch();
  const page = await browser.page();
  await page.goto(servers.site + '/');
  await banner(page).waitFor();
  await banner(page).locator('[data-action="ok"]').click();
  await banner(page).waitFor({ state: 'detached' });
  await page.locator('kite-consent button').waitFor();
  await page.locator('kite-rights button').waitFor();
  assert.equal(await page.locator('kite-monitoring').count(), 0);

  await page.getByRole('button', { name: 'Start the reading check' }).click();
  const sign = page.locator('kite-monitoring button');
  await sign.waitFor();
  assert.match(await sign.innerText(), /teacher can see your reading log/i);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: screenshotPath('example-react-elements') });
  await page.getByRole('button', { name: 'End the reading check' }).click();
  await page.waitForFunction(() => !document.querySelector('kite-monitoring') && !document.querySelector('kite-root').shadowRoot?.querySelector('.kite-sign-monitoring'));
  await page.locator('kite-consent button').click();
  await preferences(page).waitFor();
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('leptos_app_runs_kite_from_the_crate_and_uses_the_policy_core_in_its_own_view', async () => {
  const dir = path.join(root, 'target', 'examples', 'leptos-app');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cargo = spawnSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'kite-example-leptos-app'], { cwd: root, encoding: 'utf8' });
  assert.equal(cargo.status, 0, cargo.stderr);
  const bindgen = spawnSync('wasm-bindgen', ['--target', 'web', '--out-dir', path.join(dir, 'pkg'), '--out-name', 'app',
    path.join(root, 'target', 'wasm32-unknown-unknown', 'release', 'kite-example-leptos-app.wasm')], { encoding: 'utf8' });
  assert.equal(bindgen.status, 0, bindgen.stderr);
  fs.copyFileSync(path.join(root, 'examples', 'leptos-app', 'index.html'), path.join(dir, 'index.html'));

  const servers = await serveDir(dir);
  const browser = await launch({ args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
  const page = await browser.page();
  await page.goto(servers.site + '/');
  await banner(page).waitFor();
  assert.match(await page.locator('kite-monitoring button').innerText(), /teacher can see your homework/i, 'Kite filled in the element the Leptos view placed');
  await banner(page).locator('[data-action="ok"]').click();
  await banner(page).waitFor({ state: 'detached' });
  assert.equal(await page.locator('kite-root .kite-settings').count(), 0, 'the page has <kite-consent>, so no corner button');
  await page.locator('kite-consent button').waitFor();
  assert.deepEqual(await axe(page), []);

  // The policy core, in the app's own signal: the same detector as Kite's message guard.
  await page.locator('#answer').pressSequentially('my number is oh seven seven double oh nine oh oh one two three');
  await page.waitForFunction(() => document.querySelector('#hint').textContent === 'This looks like a phone number. Keep it private.');
  await page.locator('#answer').fill('7 x 8 = 56');
  await page.locator('#answer').dispatchEvent('input');
  await page.waitForFunction(() => document.querySelector('#hint').textContent === '');

  // The camera notice, asked for from Rust.
  await page.locator('#film').click();
  const notice = page.locator('kite-root [role="dialog"]', { hasText: /camera/i });
  await notice.waitFor();
  await notice.locator('[data-action="ok"]').click();
  await page.waitForFunction(() => document.querySelector('#camera').textContent.startsWith('You said OK'));
  await page.screenshot({ path: screenshotPath('example-leptos-app') });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
