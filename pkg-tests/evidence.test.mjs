// Issue 7: evidence, in real Chromium against the packed package. Every choice gets a
// receipt with a new random number and a hash of the words shown; the preferences dialog
// says when in plain words; the school's endpoint receives the receipt by sendBeacon and
// nothing else; the number never goes in the cookie. The DPIA report from the page's API is
// the same as the `kite` command prints from the config file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { root, serve, launch, banner, preferences, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

test('each_choice_gets_a_receipt_the_school_collects_it_and_the_preferences_say_when', async () => {
  const browser = await launch();
  servers.pages.set('/r/receipts.html', testPage({ config: { ...demoConfig(), receipts: { endpoint: '/receipts' } } }));
  servers.receipts.length = 0;
  const p = await browser.page();
  const beacons = [];
  p.on('request', (r) => { if (r.url().endsWith('/receipts')) beacons.push(r); });
  await p.goto(`${servers.site}/r/receipts.html`);
  await kiteReady(p);
  assert.equal(await p.evaluate(() => window.kite.consent.receipt()), null, 'no choice, no receipt');
  await banner(p).locator('[data-action="reject"]').click();
  await p.waitForFunction(() => window.kite.consent.receipt() !== null);
  const first = await p.evaluate(() => window.kite.consent.receipt());
  assert.match(first.receipt, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  assert.match(first.wording, /^[0-9a-f]{64}$/);
  assert.equal(first.by, 'visitor');
  assert.equal(first.revision, 1);
  assert.equal(first.language, 'en-GB');
  assert.equal(first.choices.analytics, false);

  // The school's endpoint got exactly that, by sendBeacon, with nothing added.
  for (let i = 0; i < 20 && servers.receipts.length < 1; i++) await p.waitForTimeout(100);
  assert.deepEqual(servers.receipts, [first]);
  assert.equal(beacons.length, 1);
  assert.equal(beacons[0].method(), 'POST');
  assert.equal(beacons[0].postData(), JSON.stringify(first));

  const cookie = (await browser.context.cookies()).find((c) => c.name === 'kite_consent');
  assert.ok(!cookie.value.includes(first.receipt.replaceAll('-', '')) && !cookie.value.includes(first.receipt), 'the number never travels in the cookie');

  // The preferences dialog says when, in plain words.
  await p.evaluate(() => window.kite.consent.show());
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const line = preferences(p).locator('.kite-lines li');
  assert.equal(await line.textContent(), `You chose this on ${today}. Receipt ${first.receipt}.`);
  await p.addScriptTag({ content: axeSource });
  const violations = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id)));
  assert.deepEqual(violations, []);
  await p.screenshot({ path: screenshotPath('receipt-in-preferences') });

  // A new choice gets a new number; the same words give the same wording hash.
  await preferences(p).locator('[data-action="accept"]').click();
  await p.waitForFunction((old) => window.kite.consent.receipt()?.receipt !== old, first.receipt);
  const second = await p.evaluate(() => window.kite.consent.receipt());
  assert.notEqual(second.receipt, first.receipt);
  assert.equal(second.wording, first.wording);
  assert.equal(second.choices.analytics, true);
  for (let i = 0; i < 20 && servers.receipts.length < 2; i++) await p.waitForTimeout(100);
  assert.equal(servers.receipts.length, 2);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_welsh_page_words_differently_so_its_receipt_hash_differs', async () => {
  const browser = await launch();
  servers.pages.set('/r/cy.html', testPage({ lang: 'cy' }));
  servers.pages.set('/r/en.html', testPage({ lang: 'en-GB' }));
  const hashes = [];
  for (const path of ['/r/en.html', '/r/cy.html']) {
    const p = await browser.context.newPage();
    await browser.context.clearCookies();
    await p.goto(servers.site + path);
    await kiteReady(p);
    await p.evaluate(() => { localStorage.removeItem('kite_receipt'); window.kite.consent.set('none'); });
    await p.waitForFunction(() => window.kite.consent.receipt()?.choices);
    hashes.push(await p.evaluate(() => window.kite.consent.receipt()));
    await p.close();
  }
  assert.equal(hashes[1].language, 'cy');
  assert.notEqual(hashes[0].wording, hashes[1].wording);
  await browser.close();
});

test('the_pages_dpia_report_is_what_the_kite_command_prints_from_the_same_config', async () => {
  const browser = await launch();
  const config = demoConfig();
  servers.pages.set('/r/report.html', testPage({ config }));
  const p = await browser.page();
  await p.goto(`${servers.site}/r/report.html`);
  await kiteReady(p);
  // `report()` resolves once the report's own WebAssembly has loaded.
  const fromPage = await p.evaluate(async () => ({ code: await window.kite.report(), csv: await window.kite.report('inventory-csv'), md: await window.kite.report('inventory'), none: await window.kite.report('dpia') }));
  const file = path.join(root, 'target', 'pkg-tests', 'report-config.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(config));
  const command = (...args) => execFileSync('cargo', ['run', '--quiet', '--bin', 'kite', '--', ...args, file], { cwd: root, encoding: 'utf8' });
  assert.equal(fromPage.code, command('report'));
  assert.equal(fromPage.md, command('inventory'));
  assert.equal(fromPage.csv, execFileSync('cargo', ['run', '--quiet', '--bin', 'kite', '--', 'inventory', file, '--csv'], { cwd: root, encoding: 'utf8' }));
  assert.match(fromPage.code, /\| 10\. Geolocation \| Location is off by default/);
  assert.equal(fromPage.none, null);
  assert.ok(browser.errors.some((e) => e.includes('"dpia" is not a report')));
  await browser.close();
});
