// Rooms that load when they are used, against the packed package in Chromium: what a school
// page downloads before its first paint (and that it fits the budget), that a page never
// fetches a room it does not use, and that it fetches it on first use. (rooms-failing.test.mjs:
// slow and missing rooms.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, banner, preferences, demoConfig, settle } from './helpers.mjs';
import { installed, rooms, own, servers, schoolPage, open } from './rooms-setup.mjs';

const brotli = (file) => zlib.brotliCompressSync(fs.readFileSync(path.join(installed, file)), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** The first paint's budget: what a page fetches of Kite before it is idle, brotli. */
const FIRST_PAINT = 80 * 1024;

/** Kite's files the page fetched, each once. */
const fetched = () => [...new Set(servers.kite.requested)];

test('a_school_page_downloads_only_the_first_paint_and_it_fits_80_kb_brotli', async () => {
  const browser = await launch();
  const warnings = [];
  const p = await browser.page();
  p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await open(browser, schoolPage('first'));
  await p.waitForTimeout(3500); // Chromium warns of a preload not used within 3 s of load
  const files = fetched();
  const bytes = files.reduce((sum, f) => sum + brotli(f), 0);
  console.log(`# first paint: ${bytes} B brotli (budget ${FIRST_PAINT} B): ${files.map((f) => `${f} ${brotli(f)} B`).join(', ')}`);
  assert.deepEqual(files.sort(), ['kite-stub.js', 'kite.js', 'kite_core.js', 'kite_core_bg.wasm'], 'no room and not the rooms\' loader');
  assert.ok(bytes <= FIRST_PAINT, `${bytes} B brotli; budget ${FIRST_PAINT} B`);
  // The stub starts fetching the core while the page is read; what it fetched is what Kite
  // uses (each file once, and no "preloaded but not used" warning).
  assert.deepEqual(await p.locator('link[rel="preload"], link[rel="modulepreload"]').evaluateAll((l) => l.map((e) => e.getAttribute('href').split('/').pop())), ['kite_core.js', 'kite_core_bg.wasm']);
  assert.deepEqual(servers.kite.requested.slice().sort(), files, 'each file fetched once');
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  // The page works: the banner, and the embed's placeholder in its own box.
  assert.equal(await banner(p).locator('h2').textContent(), 'Cookies on this site');
  await p.frameLocator('iframe[data-kite]').locator('.kite-placeholder [role="group"]').waitFor();
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_stub_with_data_preload_off_leaves_the_core_to_kite_js', async () => {
  // As for a dashboard whose bundler serves Kite's files from somewhere else.
  const url = schoolPage('no-preload');
  const html = servers.pages.get('/r/no-preload.html').replace('<script src="/kite/kite-stub.js"', '<script src="/kite/kite-stub.js" data-preload="off"');
  servers.pages.set('/r/no-preload.html', html);
  const browser = await launch();
  const p = await open(browser, url);
  assert.equal(await p.locator('link[rel="preload"], link[rel="modulepreload"]').count(), 0, 'nothing preloaded');
  assert.deepEqual(fetched().sort(), ['kite-stub.js', 'kite.js', 'kite_core.js', 'kite_core_bg.wasm'], 'Kite still starts');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_welsh_page_adds_only_its_welsh_words', async () => {
  const browser = await launch();
  const p = await open(browser, schoolPage('cy', { lang: 'cy' }));
  const files = fetched();
  const bytes = files.reduce((sum, f) => sum + brotli(f), 0);
  console.log(`# first paint in Welsh: ${bytes} B brotli: ${files.map((f) => `${f} ${brotli(f)} B`).join(', ')}`);
  assert.deepEqual(files.filter((f) => !f.startsWith('kite')).sort(), ['__wasm_split.js', ...rooms.welsh].sort(), 'the Welsh words and nothing else');
  assert.match(await banner(p).innerText(), /cwcis/i, 'the banner is in Welsh');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

/**
 * Each room: a page that never uses it never fetches its file; the first use fetches it and
 * the room does its work. (Each room's own tests check the work in full.)
 */
const USES = {
  prefs: async (p) => {
    await banner(p).locator('[data-action="choose"]').click();
    await preferences(p).waitFor();
  },
  leaving: async (p) => {
    await banner(p).locator('[data-action="reject"]').click();
    await p.locator('#out').click();
    await p.locator('kite-root .kite-leave [role="dialog"]').waitFor();
  },
  receipts: async (p) => {
    await banner(p).locator('[data-action="reject"]').click();
    await p.waitForFunction(() => window.kite.consent.receipt()?.receipt);
  },
  rights: async (p) => {
    await p.evaluate(() => document.body.append(document.createElement('kite-rights')));
    await p.locator('kite-rights button').click();
    await p.locator('kite-root .kite-rights [role="dialog"]').waitFor();
  },
  notices: async (p) => {
    await p.evaluate(() => { window.kite.notice.show('comment').then((answer) => { window.answer = answer; }); });
    const notice = p.locator('kite-root .kite-notice [role="dialog"]');
    await notice.locator('[data-action="ok"]').click();
    await p.waitForFunction(() => window.answer === 'ok');
  },
  monitoring: async (p) => {
    await p.evaluate(() => window.kite.monitoring.set([{ by: 'teacher', what: 'work' }]));
    await p.locator('kite-root .kite-sign-monitoring').waitFor();
  },
  guard: async (p) => {
    await p.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'box', ariaLabel: 'Message' })));
    await p.evaluate(() => document.getElementById('box').setAttribute('data-kite-guard', ''));
    await p.locator('#box').fill('call me on 07700 900123');
    await p.waitForFunction(() => document.getElementById('box').getAttribute('data-kite-found') === 'phone');
  },
  audit: async (p) => assert.ok(Array.isArray(await p.evaluate(() => window.kite.audit()))),
  report: async (p) => assert.match(await p.evaluate(() => window.kite.report()), /Children's Code/),
};

test('no_page_fetches_a_room_it_does_not_use', async () => {
  const browser = await launch();
  const p = await open(browser, schoolPage('idle'));
  await banner(p).locator('[data-action="reject"]').focus(); // looked at, not used
  await settle(p, 800);
  const files = fetched();
  for (const room of Object.keys(rooms)) {
    if (room === 'receipts') continue; // a choice makes a receipt; none was made here
    assert.ok(!files.includes(own(room)), `${room} (${own(room)}) was fetched by a page that never used it`);
  }
  await browser.close();
});

for (const [room, use] of Object.entries(USES)) {
  test(`the_${room}_room_loads_on_its_first_use_and_works`, async () => {
    const browser = await launch();
    const p = await open(browser, schoolPage(`use-${room}`));
    assert.ok(!fetched().includes(own(room)), `${room} is not fetched before it is used`);
    await use(p);
    assert.ok(fetched().includes(own(room)), `${room} (${own(room)}) was fetched on its first use`);
    for (const file of rooms[room]) assert.ok(fetched().includes(file), `${room} needs ${file}`);
    assert.deepEqual(browser.errors, []);
    await browser.close();
  });
}

test('a_config_mistake_fetches_the_words_for_it_and_a_right_config_does_not', async () => {
  const browser = await launch();
  let p = await open(browser, schoolPage('right'));
  assert.deepEqual(await p.evaluate(() => window.kite.errors), []);
  assert.ok(!fetched().includes(own('wording')));
  p = await open(browser, schoolPage('wrong', { config: { ...demoConfig(), revison: 2 } }));
  assert.ok(fetched().includes(own('wording')));
  const errors = await p.evaluate(() => window.kite.errors);
  assert.deepEqual(errors.map((e) => e.path), ['revison']);
  assert.match(errors[0].message, /Did you mean "revision"\?/);
  assert.ok(browser.errors.some((e) => e.includes('config revison: unknown field')), 'the console says it too');
  await browser.close();
});

