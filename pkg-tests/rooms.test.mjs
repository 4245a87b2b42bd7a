// Rooms that load when they are used, against the packed package in Chromium: what a school
// page downloads before its first paint (and that it fits the budget), that a page never
// fetches a room it does not use and fetches it on first use, and that nothing a room guards
// slips through while it loads slowly or when its file is missing.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, banner, preferences, testPage, demoConfig, kiteReady, settle, closeBrowsers, installPackage } from './helpers.mjs';

const installed = path.join(installPackage(), 'pkg');
const rooms = JSON.parse(fs.readFileSync(path.join(installed, 'rooms.json'), 'utf8'));
const brotli = (file) => zlib.brotliCompressSync(fs.readFileSync(path.join(installed, file)), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** The first paint's budget: what a page fetches of Kite before it is idle, brotli. */
const FIRST_PAINT = 80 * 1024;
/** A room's own file (the rest are shared with other rooms). */
const own = (room) => rooms[room][0];

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });
beforeEach(() => {
  servers.kite.requested.length = 0;
  servers.kite.slow.clear();
  servers.kite.missing.clear();
});

const LINKS = '<nav aria-label="Useful links"><a id="out" href="https://www.bbc.co.uk/bitesize">BBC Bitesize</a> <a href="https://www.nasa.gov/">NASA</a></nav>';

/** A school page: the banner, marked scripts, one marked embed and outside links. */
function schoolPage(name, { lang = 'en-GB', extra = '', config = demoConfig() } = {}) {
  servers.pages.set(`/r/${name}.html`, testPage({ config, lang, extra: LINKS + extra }));
  return `${servers.site}/r/${name}.html`;
}

/** Kite's files the page fetched, each once. */
const fetched = () => [...new Set(servers.kite.requested)];

async function open(browser, url) {
  const p = await browser.page();
  await p.goto(url);
  await banner(p).waitFor();
  await p.waitForLoadState('networkidle');
  await kiteReady(p);
  return p;
}

test('a_school_page_downloads_only_the_first_paint_and_it_fits_80_kb_brotli', async () => {
  const browser = await launch();
  const p = await open(browser, schoolPage('first'));
  const files = fetched();
  const bytes = files.reduce((sum, f) => sum + brotli(f), 0);
  console.log(`# first paint: ${bytes} B brotli (budget ${FIRST_PAINT} B): ${files.map((f) => `${f} ${brotli(f)} B`).join(', ')}`);
  assert.deepEqual(files.sort(), ['kite-stub.js', 'kite.js', 'kite_core.js', 'kite_core_bg.wasm'], 'no room and not the rooms\' loader');
  assert.ok(bytes <= FIRST_PAINT, `${bytes} B brotli; budget ${FIRST_PAINT} B`);
  // The page works: the banner, and the embed's placeholder in its own box.
  assert.equal(await banner(p).locator('h2').textContent(), 'Cookies at Oakfield');
  await p.frameLocator('iframe[data-kite]').locator('.kite-placeholder [role="group"]').waitFor();
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_welsh_page_adds_only_its_welsh_words_and_fits_too', async () => {
  const browser = await launch();
  const p = await open(browser, schoolPage('cy', { lang: 'cy' }));
  const files = fetched();
  const bytes = files.reduce((sum, f) => sum + brotli(f), 0);
  assert.deepEqual(files.filter((f) => !f.startsWith('kite')).sort(), ['__wasm_split.js', ...rooms.welsh].sort(), 'the Welsh words and nothing else');
  assert.ok(bytes <= FIRST_PAINT, `${bytes} B brotli; budget ${FIRST_PAINT} B`);
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
    await p.evaluate(() => window.kite.notice.show('comment').then((answer) => { window.answer = answer; }));
    await p.locator('kite-root .kite-notice [role="dialog"]').waitFor();
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

// Slow and missing rooms: the test server holds a room's file back for 3 s, or answers 404.

const NOTICE_PAGE = '<label>Your photo <input id="photo" type="file" data-kite-notice="photo-upload"></label>';
const GUARD_PAGE = `<form id="chat" action="/sent"><label for="box">Message</label><textarea id="box" name="message" data-kite-guard></textarea>
<button id="send">Send</button></form><ul id="sent"></ul>
<script type="module">document.getElementById('chat').addEventListener('submit', (e) => { e.preventDefault(); document.getElementById('sent').append(Object.assign(document.createElement('li'), { textContent: 'sent' })); });</script>`;
const DEVICES = { permissions: ['geolocation'], geolocation: { latitude: 54.97, longitude: -2.1 } };

/** Opens a page with the banner answered, so only the room's UI is on screen. */
async function answered(browser, url) {
  const p = await open(browser, url);
  await banner(p).locator('[data-action="reject"]').click();
  return p;
}

test('a_slow_notices_room_holds_the_file_picker_until_the_notice_is_answered', async () => {
  servers.kite.slow.set(own('notices'), 3000);
  const browser = await launch();
  const p = await answered(browser, schoolPage('slow-notices', { extra: NOTICE_PAGE }));
  let chooser = null;
  p.on('filechooser', () => { chooser = Date.now(); });
  const clicked = Date.now();
  await p.locator('#photo').click();
  const notice = p.locator('kite-root .kite-notice [role="dialog"]');
  await notice.waitFor({ timeout: 10000 });
  assert.equal(chooser, null, 'no file picker while the notice loaded');
  assert.ok(Date.now() - clicked >= 2000, 'the notice waited for its slow file');
  const opened = p.waitForEvent('filechooser');
  await notice.locator('[data-action="ok"]').click();
  await opened;
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_missing_notices_room_refuses_the_file_picker_and_says_which_file', async () => {
  servers.kite.missing.add(own('notices'));
  const browser = await launch();
  const p = await answered(browser, schoolPage('missing-notices', { extra: NOTICE_PAGE }));
  let chooser = false;
  p.on('filechooser', () => { chooser = true; });
  await p.locator('#photo').click();
  await settle(p, 1500);
  assert.equal(chooser, false, 'no file picker without its notice');
  assert.ok(browser.errors.some((e) => e.includes(`Kite could not load ${own('notices')} (HTTP 404`)), browser.errors.join('\n'));
  assert.ok(browser.errors.some((e) => e.includes('its notices could not be loaded, so the "photo-upload" notice could not be shown')), browser.errors.join('\n'));
  await browser.close();
});

test('a_slow_sensors_room_holds_the_location_until_the_notice_is_answered', async () => {
  servers.kite.slow.set(own('monitoring'), 3000);
  const browser = await launch(DEVICES);
  const p = await answered(browser, schoolPage('slow-sensors'));
  await p.evaluate(() => {
    window.got = [];
    navigator.geolocation.getCurrentPosition(() => window.got.push('position'), (e) => window.got.push(`denied ${e.code}`));
  });
  await settle(p, 2000);
  assert.deepEqual(await p.evaluate(() => window.got), [], 'no position while the room loaded');
  const notice = p.locator('kite-root .kite-notice [role="dialog"]');
  await notice.waitFor({ timeout: 10000 });
  await notice.locator('[data-action="not-now"]').click();
  await p.waitForFunction(() => window.got.length > 0);
  assert.deepEqual(await p.evaluate(() => window.got), ['denied 1'], '"Not now" is the browser\'s own refusal');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_missing_sensors_room_refuses_the_location_and_the_camera_as_the_browser_would', async () => {
  servers.kite.missing.add(own('monitoring'));
  const browser = await launch({ ...DEVICES, args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'], permissions: ['geolocation', 'camera'] });
  const p = await answered(browser, schoolPage('missing-sensors'));
  const got = await p.evaluate(() => Promise.all([
    new Promise((done) => navigator.geolocation.getCurrentPosition(() => done('position'), (e) => done(`denied ${e.code}`))),
    navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'stream', (e) => e.name),
  ]));
  assert.deepEqual(got, ['denied 1', 'NotAllowedError']);
  assert.ok(browser.errors.some((e) => e.includes(`Kite could not load ${own('monitoring')} (HTTP 404`)), browser.errors.join('\n'));
  assert.ok(browser.errors.some((e) => e.includes('the page was told the location was refused')));
  await browser.close();
});

test('a_slow_guard_holds_a_message_until_it_has_checked_it', async () => {
  servers.kite.slow.set(own('guard'), 3000);
  const browser = await launch();
  const p = await answered(browser, schoolPage('slow-guard', { extra: GUARD_PAGE }));
  await p.locator('#box').fill('text me on 07700 900123');
  await p.locator('#send').click();
  await settle(p, 1500);
  assert.equal(await p.locator('#sent li').count(), 0, 'nothing sent while the guard loaded');
  const warning = p.locator('kite-root .kite-guard [role="dialog"]');
  await warning.waitFor({ timeout: 10000 });
  assert.equal(await p.locator('#sent li').count(), 0, 'nor while it warns');
  await warning.locator('[data-action="send"]').click();
  await p.locator('#sent li').waitFor();
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_missing_guard_refuses_the_message_and_says_which_file', async () => {
  servers.kite.missing.add(own('guard'));
  const browser = await launch();
  const p = await answered(browser, schoolPage('missing-guard', { extra: GUARD_PAGE }));
  await p.locator('#box').fill('see you at 3');
  await p.locator('#send').click();
  await settle(p, 1500);
  assert.equal(await p.locator('#sent li').count(), 0, 'not sent without its check');
  assert.ok(browser.errors.some((e) => e.includes(`Kite could not load ${own('guard')} (HTTP 404`)), browser.errors.join('\n'));
  assert.ok(browser.errors.some((e) => e.includes('the message was not sent')));
  await browser.close();
});
