// Signs and guards in real Chromium, against the packed package, on the demo dashboard: the
// location notice comes before any position reaches the page, "Not now" is the browser's own
// refusal, the sign shows while location is shared and "Stop sharing" ends it, a new session
// starts with location off; the same for the camera; the monitoring sign explains who can
// see what; the contact-details guard warns (or blocks) on a phone number and stays quiet on
// sums and dates. Chromium gets a fake camera and a fixed position.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, settle, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

const DEVICES = {
  args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  permissions: ['geolocation', 'camera', 'microphone'],
  geolocation: { latitude: 54.97, longitude: -2.1 },
};

const notice = (p) => p.locator('kite-root .kite-notice [role="dialog"]');
const sign = (p, kind) => p.locator(`.kite-sign-${kind}`);
const text = (p, id) => p.locator(`#${id}`).textContent();

/** The dashboard, with the cookie banner answered so only this room's UI is on screen. */
async function dashboard(browser, url = `${servers.site}/dashboard.html`) {
  const p = await browser.page();
  await p.goto(url);
  await kiteReady(p);
  await p.evaluate(() => window.kite.consent.set('none'));
  return p;
}

async function axe(p) {
  await p.addScriptTag({ content: axeSource });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the_location_notice_comes_before_any_position_and_not_now_is_the_browsers_own_refusal', async () => {
  const browser = await launch(DEVICES);
  const p = await dashboard(browser);
  await p.click('#find-library');
  await notice(p).waitFor();
  assert.match(await notice(p).textContent(), /Sharing where you are/);
  await settle(p, 600);
  assert.equal(await text(p, 'library'), 'Looking…', 'no position reaches the page while the notice is up');
  assert.equal(await sign(p, 'location').count(), 0);
  await p.keyboard.press('Escape'); // Escape is "Not now"
  await p.waitForFunction(() => document.getElementById('library').textContent.startsWith('OK, we won’t use your location'));
  assert.equal(await sign(p, 'location').count(), 0);

  await p.click('#find-library');
  await notice(p).waitFor();
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => document.getElementById('library').textContent.startsWith('Nearest library'));
  await sign(p, 'location').waitFor();
  assert.match(await sign(p, 'location').textContent(), /Sharing where you are/);
  await p.screenshot({ path: screenshotPath('location-sign') });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('the_sign_shows_while_a_watch_runs_and_stop_sharing_by_keyboard_ends_it_and_asks_again_next_time', async () => {
  const browser = await launch(DEVICES);
  const p = await dashboard(browser);
  await p.click('#start-walk');
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => /Tracking: \d+ update/.test(document.getElementById('walk').textContent));
  await sign(p, 'location').waitFor();
  // By keyboard: Tab from the chat's Send button reaches "Stop sharing".
  await p.focus('#chat-send');
  let reached = false;
  for (let i = 0; i < 12 && !reached; i += 1) {
    await p.keyboard.press('Tab');
    reached = await p.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.dataset?.action === 'stop-sharing';
    });
  }
  assert.ok(reached, 'Tab reaches Stop sharing');
  assert.deepEqual(await axe(p), []);
  await p.setViewportSize({ width: 320, height: 640 });
  const box = await sign(p, 'location').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320 && box.y + box.height <= 640, `the sign fits a 320 px screen: ${JSON.stringify(box)}`);
  const settings = await p.locator('kite-root .kite-settings').boundingBox();
  assert.ok(!settings || settings.y >= box.y + box.height || settings.x + settings.width <= box.x, 'and does not cover the settings button');
  await p.keyboard.press('Enter');
  await sign(p, 'location').waitFor({ state: 'detached' });
  const updates = await text(p, 'walk');
  await p.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await p.context().setGeolocation({ latitude: 54.98, longitude: -2.11 });
  await settle(p, 800);
  assert.equal(await text(p, 'walk'), updates, 'the page hears nothing after Stop sharing');
  assert.match(await p.locator('kite-root [role="status"]').textContent(), /stopped sharing where you are/);
  assert.ok(!(await p.evaluate(() => sessionStorage.getItem('kite_notices') || '')).includes('location'));
  await p.click('#stop-walk');
  await p.click('#start-walk');
  await notice(p).waitFor();
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('an_ok_lasts_for_the_session_and_a_new_session_starts_with_location_off', async () => {
  const browser = await launch(DEVICES);
  const p = await dashboard(browser);
  await p.click('#find-library');
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => document.getElementById('library').textContent.startsWith('Nearest library'));
  await p.reload();
  await kiteReady(p);
  await p.click('#find-library');
  await p.waitForFunction(() => document.getElementById('library').textContent.startsWith('Nearest library'));
  assert.equal(await notice(p).count(), 0, 'the same session does not ask twice');
  await browser.close();

  const fresh = await launch(DEVICES);
  const q = await dashboard(fresh);
  await q.click('#find-library');
  await notice(q).waitFor();
  await settle(q, 300);
  assert.equal(await text(q, 'library'), 'Looking…');
  await fresh.close();
});

test('the_camera_waits_for_the_notices_shows_a_sign_and_turn_off_stops_every_track', async () => {
  const browser = await launch(DEVICES);
  const p = await dashboard(browser);
  await p.click('#record');
  await notice(p).waitFor();
  assert.match(await notice(p).textContent(), /Using the camera/);
  assert.equal(await text(p, 'camera'), '');
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => document.querySelector('kite-root')?.shadowRoot?.querySelector('.kite-notice')?.textContent.includes('microphone'));
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => document.getElementById('camera').textContent === 'Recording.');
  await sign(p, 'media').waitFor();
  assert.match(await sign(p, 'media').textContent(), /Your camera and microphone are on/);
  await p.screenshot({ path: screenshotPath('camera-sign') });
  assert.deepEqual(await axe(p), []);
  await sign(p, 'media').locator('[data-action="turn-off"]').focus();
  await p.keyboard.press('Enter');
  await sign(p, 'media').waitFor({ state: 'detached' });
  assert.ok(await p.evaluate(() => document.getElementById('preview').srcObject.getTracks().every((t) => t.readyState === 'ended')));

  // Refused: the page gets NotAllowedError, as from the browser.
  await p.click('#record');
  await notice(p).locator('[data-action="not-now"]').click();
  await p.waitForFunction(() => document.getElementById('camera').textContent === 'OK, the camera stays off.');
  assert.equal(await sign(p, 'media').count(), 0);

  // The old callback form is guarded the same way.
  await p.evaluate(() => navigator.webkitGetUserMedia({ audio: true }, (s) => { window.legacy = s; }, (e) => { window.legacy = e.name; }));
  await notice(p).waitFor();
  assert.match(await notice(p).textContent(), /Using the microphone/);
  await notice(p).locator('[data-action="ok"]').click();
  await sign(p, 'media').waitFor();
  assert.match(await sign(p, 'media').textContent(), /Your microphone is on/);
  await sign(p, 'media').locator('[data-action="turn-off"]').click();
  await sign(p, 'media').waitFor({ state: 'detached' });
  assert.ok(await p.evaluate(() => window.legacy.getTracks().every((t) => t.readyState === 'ended')));

  // The page stopping its own tracks takes the sign away too.
  await p.click('#record');
  await notice(p).locator('[data-action="ok"]').click();
  await notice(p).locator('[data-action="ok"]').click();
  await sign(p, 'media').waitFor();
  await p.click('#stop-record');
  await sign(p, 'media').waitFor({ state: 'detached' });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('the_monitoring_sign_sits_where_the_page_put_it_and_explains_who_can_see_what', async () => {
  const browser = await launch(DEVICES);
  const p = await dashboard(browser);
  const placed = p.locator('kite-monitoring .kite-sign-monitoring');
  await placed.waitFor();
  assert.equal((await placed.textContent()).trim(), 'Your teacher can see your work and messages');
  assert.equal(await p.locator('kite-root .kite-sign-monitoring').count(), 0, 'not in the corner too');
  await placed.focus();
  await p.keyboard.press('Enter');
  const dialog = p.locator('kite-root .kite-monitoring [role="dialog"]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Your teacher can see your work and messages\. This helps them help you learn/);
  await p.screenshot({ path: screenshotPath('monitoring-explained') });
  assert.deepEqual(await axe(p), []);
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.ok(await p.evaluate(() => document.activeElement.tagName === 'KITE-MONITORING'), 'focus goes back to the sign');
  await p.setViewportSize({ width: 360, height: 740 });
  await p.screenshot({ path: screenshotPath('dashboard-phone') });
  await browser.close();
});

test('monitoring_set_shows_a_sign_announces_it_reports_mistakes_and_clear_removes_it', async () => {
  const browser = await launch();
  servers.pages.set('/i/monitoring.html', testPage({ config: { ...demoConfig(), audience: { minAge: 10, maxAge: 12 } } }));
  const p = await dashboard(browser, `${servers.site}/i/monitoring.html`);
  assert.equal(await sign(p, 'monitoring').count(), 0, 'nothing declared, no sign');
  const errors = await p.evaluate(() => window.kite.monitoring.set([{ by: 'parent', what: 'progress' }, { by: 'nan', what: 'x' }]));
  assert.deepEqual(errors.map((e) => e.path), ['monitoring.set[1].by']);
  await sign(p, 'monitoring').waitFor();
  assert.equal((await sign(p, 'monitoring').textContent()).trim(), 'Your parent or carer can see your progress');
  const status = p.locator('kite-root [role="status"]');
  assert.match(await status.textContent(), /Your parent or carer can see your progress/);
  await p.evaluate(() => window.kite.monitoring.set([{ by: 'parent', what: 'progress' }, { by: 'teacher', what: 'work' }]));
  await p.waitForFunction(() => document.querySelector('kite-root').shadowRoot.querySelector('.kite-sign-monitoring')?.textContent.includes('parent or carer and teacher'));
  await p.evaluate(() => window.kite.monitoring.clear());
  await sign(p, 'monitoring').waitFor({ state: 'detached' });
  assert.match(await status.textContent(), /The sign about who can see what you do has gone/);
  assert.deepEqual(browser.errors.filter((e) => !e.includes('monitoring.set[1].by')), []);
  await browser.close();
});

test('the_guard_warns_before_a_phone_number_is_sent_and_stays_quiet_on_sums_and_dates', async () => {
  const browser = await launch();
  const p = await dashboard(browser);
  const events = [];
  await p.exposeFunction('guarded', (d) => events.push(d));
  await p.evaluate(() => document.addEventListener('kite:guard', (e) => window.guarded(e.detail)));
  const box = p.locator('#chat-box');
  await box.focus();
  await p.keyboard.type('we did 12 + 15 = 27 on 12/03/2024 at 10:30, page 42');
  assert.equal(await box.getAttribute('data-kite-found'), null);
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelectorAll('#chat li').length === 1);
  assert.equal(await p.locator('kite-root .kite-guard').count(), 0, 'clean messages go straight through');

  await box.focus();
  await p.keyboard.type('text me on oh seven seven double oh 900 123');
  assert.equal(await box.getAttribute('data-kite-found'), 'phone');
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  const warning = p.locator('kite-root .kite-guard [role="dialog"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /This looks like a phone number\. Contact details stay private here/);
  const focused = await p.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.dataset.action);
  assert.equal(focused, 'change', 'Change my message has focus');
  await p.screenshot({ path: screenshotPath('guard-warning') });
  assert.deepEqual(await axe(p), []);
  await p.keyboard.press('Enter');
  await warning.waitFor({ state: 'detached' });
  assert.equal(await p.evaluate(() => document.activeElement.id), 'chat-box', 'back in the box to change it');
  assert.equal(await p.locator('#chat li').count(), 1, 'not sent');

  await p.click('#chat-send');
  await warning.locator('[data-action="send"]').click();
  await p.waitForFunction(() => document.querySelectorAll('#chat li').length === 2);
  assert.deepEqual(events, [{ kinds: ['phone'], outcome: 'not-sent' }, { kinds: ['phone'], outcome: 'sent' }]);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('in_block_mode_a_message_with_an_email_cannot_be_sent_and_enter_in_a_chat_box_is_guarded_too', async () => {
  const browser = await launch();
  const extra = `<div class="chat"><label for="box">Message</label><textarea id="box" data-kite-guard="block"></textarea>
<button type="button" id="send" data-kite-send>Send</button><ul id="sent"></ul></div>
<script nonce="%NONCE%">
  const send = () => { const li = document.createElement('li'); li.textContent = box.value; sent.append(li); box.value = ''; };
  document.getElementById('send').addEventListener('click', send);
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); } });
</script>`;
  servers.pages.set('/i/block.html', testPage({ config: { ...demoConfig(), audience: { minAge: 10, maxAge: 12 } }, extra }));
  const p = await dashboard(browser, `${servers.site}/i/block.html`);
  await p.locator('#box').focus();
  await p.keyboard.type('my email is sam at gmail dot com');
  await p.keyboard.press('Enter');
  const warning = p.locator('kite-root .kite-guard [role="dialog"]');
  await warning.waitFor();
  assert.deepEqual(await warning.locator('.kite-btn').evaluateAll((b) => b.map((x) => x.dataset.action)), ['change']);
  assert.match(await warning.textContent(), /You can't send contact details here/);
  await p.keyboard.press('Enter');
  await warning.waitFor({ state: 'detached' });
  await p.click('#send');
  await warning.waitFor();
  await p.keyboard.press('Escape');
  assert.equal(await p.locator('#sent li').count(), 0);
  await p.locator('#box').fill('see you at 3:15 by the gate');
  await p.click('#send');
  await p.waitForFunction(() => document.querySelectorAll('#sent li').length === 1);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('requests_made_before_kite_is_ready_wait_for_the_notice_too', async () => {
  const browser = await launch(DEVICES);
  const head = `<script nonce="%NONCE%">
  window.early = [];
  navigator.geolocation.getCurrentPosition(() => early.push('position'), (e) => early.push('denied ' + e.code));
  window.walk = navigator.geolocation.watchPosition(() => early.push('watch'), (e) => early.push('watch denied ' + e.code));
  navigator.mediaDevices.getUserMedia({ video: true }).then((s) => { window.stream = s; early.push('camera'); }, (e) => early.push(e.name));
</script>`;
  servers.pages.set('/i/early.html', testPage({ config: { ...demoConfig(), audience: { minAge: 10, maxAge: 12 } }, head }));
  const p = await browser.page();
  await p.goto(`${servers.site}/i/early.html`);
  await kiteReady(p);
  await notice(p).waitFor();
  assert.deepEqual(await p.evaluate(() => window.early), [], 'nothing reaches the page before the child answers');
  assert.match(await notice(p).textContent(), /Sharing where you are/);
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => window.early.includes('position') && window.early.includes('watch'));
  await notice(p).waitFor();
  assert.match(await notice(p).textContent(), /Using the camera/);
  await notice(p).locator('[data-action="not-now"]').click();
  await p.waitForFunction(() => window.early.includes('NotAllowedError'));
  await sign(p, 'location').waitFor();
  // The watch id handed out before Kite was ready still clears the watch.
  await p.evaluate(() => { navigator.geolocation.clearWatch(window.walk); window.early = []; });
  await p.context().setGeolocation({ latitude: 51.5, longitude: -0.1 });
  await settle(p, 800);
  assert.deepEqual(await p.evaluate(() => window.early), []);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_contenteditable_box_with_its_own_send_button_is_guarded_and_says_which_kind_it_found', async () => {
  const browser = await launch();
  const extra = `<div><p id="note-label">Note to your group</p>
<div id="note" contenteditable="true" role="textbox" aria-multiline="true" aria-labelledby="note-label" data-kite-guard></div>
<button type="button" data-kite-send="note" id="post">Post</button><p id="posted"></p></div>
<script nonce="%NONCE%">document.getElementById('post').addEventListener('click', () => { posted.textContent = note.textContent; });</script>`;
  servers.pages.set('/i/editable.html', testPage({ config: { ...demoConfig(), audience: { minAge: 10, maxAge: 12 } }, extra }));
  const p = await dashboard(browser, `${servers.site}/i/editable.html`);
  await p.locator('#note').click();
  await p.keyboard.type('add me on snap its jess_09');
  // The guard's room loads when the box first gets focus; it marks what is there once it has.
  await p.waitForFunction(() => document.getElementById('note').hasAttribute('data-kite-found'));
  assert.equal(await p.locator('#note').getAttribute('data-kite-found'), 'handle');
  await p.click('#post');
  const warning = p.locator('kite-root .kite-guard [role="dialog"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /This looks like a way to find someone on another app/);
  assert.equal(await p.locator('#posted').textContent(), '');
  await warning.locator('[data-action="send"]').click();
  await p.waitForFunction(() => document.getElementById('posted').textContent.includes('jess_09'));
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('a_kite_monitoring_element_speaks_the_pages_language_and_its_sign_goes_with_it', async () => {
  const browser = await launch();
  const extra = '<header><kite-monitoring by="teacher" what="work" what-cy="gwaith"></kite-monitoring></header>';
  servers.pages.set('/i/cy-monitoring.html', testPage({ lang: 'cy', extra }));
  const p = await dashboard(browser, `${servers.site}/i/cy-monitoring.html`);
  const placed = p.locator('kite-monitoring .kite-sign-monitoring');
  await placed.waitFor();
  assert.equal((await placed.textContent()).trim(), 'Mae eich athro yn gallu gweld eich gwaith');
  await p.evaluate(() => document.querySelector('kite-monitoring').remove());
  await p.waitForFunction(() => /wedi mynd/.test(document.querySelector('kite-root').shadowRoot.querySelector('[role="status"]').textContent));
  assert.equal(await p.locator('.kite-sign-monitoring').count(), 0, 'removing the element removes its sign');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
