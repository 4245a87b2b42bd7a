// Rooms that fail closed, against the packed package in Chromium: while a room's file is slow
// (the test server holds it back 3 s) or missing (404), nothing it guards slips through, and
// the console says which file could not load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, banner, settle } from './helpers.mjs';
import { own, servers, schoolPage, open } from './rooms-setup.mjs';

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
  const p = await browser.page();
  // The page has a marked control, so the room is fetched as the page loads: slowly here.
  let arrived = false;
  p.waitForResponse((r) => r.url().endsWith(`/${own('notices')}`), { timeout: 20000 }).then(() => { arrived = true; }, () => {});
  await p.goto(schoolPage('slow-notices', { extra: NOTICE_PAGE }));
  await banner(p).locator('[data-action="reject"]').click();
  let chooser = false;
  p.on('filechooser', () => { chooser = true; });
  await p.locator('#photo').click();
  assert.equal(arrived, false, 'the click came while the room was on its way');
  const notice = p.locator('kite-root .kite-notice [role="dialog"]');
  await notice.waitFor({ timeout: 10000 });
  assert.equal(chooser, false, 'no file picker while the notice loaded');
  assert.equal(arrived, true, 'the notice came with its file');
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
  assert.ok(browser.errors.some((e) => e.includes('its notices could not load, so a notice could not be shown')), browser.errors.join('\n'));
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
  assert.ok(browser.errors.some((e) => e.includes('no message from a box it guards will be sent')));
  await browser.close();
});
