// Just-in-time notices, the rights panel and the policy-change message in real Chromium,
// against the packed package: the notice comes before the action, "Not now" means nothing
// happens and nothing is sent, and each rights route goes where the school said.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, settle, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

const FORMS = `
<style>section input, section button, section textarea { min-height: 44px; min-width: 44px; margin: 4px; }</style>
<section>
  <h2>Your work</h2>
  <label>Your photo <input id="photo" type="file" accept="image/*" data-kite-notice="photo-upload"></label>
  <form id="comment-form" method="post" action="/sent-comment">
    <button id="before-comment" type="button">Something before</button>
    <label>Comment <textarea id="comment" name="comment" data-kite-notice="comment"></textarea></label>
    <button id="post-comment">Post</button>
  </form>
  <form id="message-form" method="post" action="/sent-message" data-kite-notice="message">
    <label>Message <input id="message" name="message"></label>
    <button id="send-message">Send</button>
  </form>
  <kite-rights></kite-rights>
</section>`;

const config = (extra = {}) => ({ ...demoConfig(), audience: { minAge: 10, maxAge: 12 }, rights: { email: 'dpo@oakfield.sch.uk', routes: { worry: { url: '/worried' } } }, ...extra });

function page(name, { cfg = config(), lang = 'en-GB' } = {}) {
  servers.pages.set(`/n/${name}.html`, testPage({ config: cfg, lang, extra: FORMS }));
  return `${servers.site}/n/${name}.html`;
}

const notice = (p) => p.locator('kite-root .kite-notice [role="dialog"]');
const dialogOf = (p, kind) => p.locator(`kite-root .kite-${kind} [role="dialog"]`);

async function open(browser, url) {
  const p = await browser.page();
  await p.goto(url);
  await kiteReady(p);
  return p;
}

/** Form posts the page makes (consent receipts, sent to the school's endpoint, aside). */
function posts(p) {
  const seen = [];
  p.on('request', (r) => { if (r.method() === 'POST' && !r.url().endsWith('/receipts')) seen.push(new URL(r.url()).pathname); });
  return seen;
}

test('a_notice_comes_before_the_photo_picker_and_not_now_leaves_the_file_input_empty', async () => {
  const browser = await launch();
  const p = await open(browser, page('photo'));
  let choosers = 0;
  p.on('filechooser', () => { choosers += 1; });
  await p.locator('#photo').click();
  await notice(p).waitFor();
  assert.equal(await notice(p).locator('h2').textContent(), 'Adding a photo');
  assert.match(await notice(p).textContent(), /Your photo will be sent to the school\. Your teachers can see it\./);
  assert.match(await notice(p).textContent(), /Ask an adult if you're not sure\./, 'under 13: ask an adult');
  assert.equal(await notice(p).locator('[role="img"]').getAttribute('aria-label'), 'A camera taking a photo');
  assert.deepEqual(await notice(p).locator('.kite-actions button').allTextContents(), ['Not now', 'OK']);
  await notice(p).locator('[data-action="not-now"]').click();
  await notice(p).waitFor({ state: 'detached' });
  await settle(p);
  assert.equal(choosers, 0, 'no file picker after "Not now"');
  assert.equal(await p.locator('#photo').evaluate((i) => i.files.length), 0, 'the file input stays empty');

  // "OK" opens the picker the child asked for.
  await p.locator('#photo').click();
  const chooser = p.waitForEvent('filechooser');
  await notice(p).locator('[data-action="ok"]').click();
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from('89504e47', 'hex') });
  assert.equal(await p.locator('#photo').evaluate((i) => i.files[0].name), 'me.png');
  const answered = await p.evaluate(() => sessionStorage.getItem('kite_notices'));
  assert.equal(answered, 'photo-upload', 'agreed for this session only');

  // Once a session: the next click goes straight to the picker.
  const again = p.waitForEvent('filechooser');
  await p.locator('#photo').click();
  await again;
  assert.equal(await notice(p).count(), 0);

  // A new tab is a new session: it asks again.
  const tab = await browser.context.newPage();
  await tab.goto(page('photo'));
  await kiteReady(tab);
  await tab.locator('#photo').click();
  await notice(tab).waitFor();
  assert.deepEqual(browser.errors.filter((e) => !/favicon|Failed to load resource/.test(e)), [], 'nothing thrown or logged');
  await browser.close();
});

test('a_text_box_notice_shows_on_focus_not_now_puts_focus_back_and_a_marked_form_sends_nothing_until_ok', async () => {
  const browser = await launch();
  const p = await open(browser, page('typing'));
  const sent = posts(p);
  await p.locator('kite-root .kite-banner [data-action="ok"]').click();
  await p.locator('#before-comment').focus();
  await p.keyboard.press('Tab');
  await notice(p).waitFor();
  assert.equal(await notice(p).locator('h2').textContent(), 'Writing a comment');
  await p.keyboard.press('Escape');
  await notice(p).waitFor({ state: 'detached' });
  assert.equal(await p.evaluate(() => document.activeElement.id), 'before-comment', 'Escape is "Not now": focus goes back where it came from');
  await p.keyboard.press('Tab');
  await notice(p).waitFor();
  await notice(p).locator('[data-action="ok"]').focus();
  await p.keyboard.press('Enter');
  await notice(p).waitFor({ state: 'detached' });
  assert.equal(await p.evaluate(() => document.activeElement.id), 'comment', 'after OK the child is in the box');
  await p.keyboard.type('Great work');
  assert.equal(await p.locator('#comment').inputValue(), 'Great work');

  // A form marked with a notice: submitting waits for it; "Not now" sends nothing.
  await p.locator('#message').fill('Hello');
  await p.locator('#send-message').click();
  await notice(p).waitFor();
  assert.equal(await notice(p).locator('h2').textContent(), 'Sending a message');
  await notice(p).locator('[data-action="not-now"]').click();
  await settle(p);
  assert.deepEqual(sent, [], 'nothing sent after "Not now"');
  assert.equal(await p.locator('#message').inputValue(), 'Hello', 'what the child typed is kept');
  await p.locator('#send-message').click();
  await notice(p).waitFor();
  const navigation = p.waitForURL('**/sent-message');
  await notice(p).locator('[data-action="ok"]').click();
  await navigation;
  assert.deepEqual(sent, ['/sent-message'], 'sent once, after OK');
  await browser.close();
});

test('notice_show_resolves_with_the_answer_once_a_session_unless_every_time', async () => {
  const browser = await launch();
  const p = await open(browser, page('programmatic'));
  const first = p.evaluate(() => window.kite.notice.show('camera'));
  await notice(p).waitFor();
  assert.equal(await notice(p).locator('h2').textContent(), 'Using the camera');
  await notice(p).locator('[data-action="not-now"]').click();
  assert.equal(await first, 'not-now');
  const second = p.evaluate(() => window.kite.notice.show('camera'));
  await notice(p).locator('[data-action="ok"]').click();
  assert.equal(await second, 'ok');
  assert.equal(await p.evaluate(() => window.kite.notice.show('camera')), 'ok', 'agreed this session: no notice');
  assert.equal(await notice(p).count(), 0);
  const events = await p.evaluate(() => new Promise((resolve) => {
    const seen = [];
    document.addEventListener('kite:notice', (e) => { seen.push(e.detail); if (seen.length === 1) resolve(seen); });
    window.kite.notice.show('location');
    setTimeout(() => document.querySelector('kite-root').shadowRoot.querySelector('.kite-notice [data-action="ok"]').click(), 50);
  }));
  assert.deepEqual(events, [{ name: 'location', answer: 'ok' }], 'the page hears the answer, not what the child did');
  assert.equal(await p.evaluate(() => window.kite.notice.show('selfie')), 'not-now', 'an unknown notice sends nothing');
  assert.ok(browser.errors.some((e) => /no notice called "selfie"/.test(e)), 'and says how to fix it');
  await browser.close();

  const everyTime = await launch();
  const q = await open(everyTime, page('every-time', { cfg: config({ notices: { everyTime: true, custom: { homework: { title: 'Sending homework', text: 'Your teacher will see it.', picture: 'photo-upload' } } } }) }));
  for (let i = 0; i < 2; i++) {
    const answer = q.evaluate(() => window.kite.notice.show('homework'));
    await notice(q).waitFor();
    assert.equal(await notice(q).locator('h2').textContent(), 'Sending homework');
    await notice(q).locator('[data-action="ok"]').click();
    assert.equal(await answer, 'ok');
  }
  await everyTime.close();
});

test('a_child_can_read_a_notice_in_simpler_or_fuller_words_and_setAge_changes_the_band', async () => {
  const browser = await launch();
  const p = await open(browser, page('bands'));
  p.evaluate(() => window.kite.notice.show('photo-upload'));
  await notice(p).waitFor();
  const text = () => notice(p).locator('.kite-text').textContent();
  assert.equal(await text(), 'Your photo will be sent to the school. Your teachers can see it. It is kept only as long as the school needs it.');
  await notice(p).locator('[data-action="younger"]').click();
  await notice(p).locator('.kite-text', { hasText: 'Your photo will go to the school.' }).waitFor();
  await p.waitForFunction(() => document.querySelector('kite-root').shadowRoot.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 2000 });
  await notice(p).locator('[data-action="older"]').click();
  await notice(p).locator('.kite-text', { hasText: 'It is kept only as long' }).waitFor();
  await notice(p).locator('[data-action="older"]').click();
  await notice(p).locator('.kite-text', { hasText: 'and others only if you share it' }).waitFor();
  assert.equal(await notice(p).locator('.kite-note').count(), 0, '13 and over: no "ask an adult"');
  await notice(p).locator('[data-action="not-now"]').click();

  // A dashboard says the pupil is in Year 9: 13-15 words, and they may choose for themselves.
  assert.equal(await p.evaluate(() => window.kite.setAge({ yearGroup: 9 })), '13-15');
  await p.locator('kite-root .kite-banner [data-action="accept"]').waitFor();
  assert.equal(await p.evaluate(() => window.kite.consent.get().guardianRequired), false);
  assert.equal(await p.evaluate(() => window.kite.setAge('eleven')), null);
  assert.ok(browser.errors.some((e) => /setAge: pass an age/.test(e)));
  await browser.close();
});

test('the_rights_panel_sends_each_request_to_the_schools_route_and_lists_help', async () => {
  const browser = await launch();
  const p = await open(browser, page('rights'));
  await p.locator('kite-root .kite-banner [data-action="ok"]').click();
  const button = p.locator('kite-rights button');
  assert.equal(await button.textContent(), 'Your information');
  await button.click();
  const list = dialogOf(p, 'rights');
  await list.waitFor();
  assert.deepEqual(await list.locator('.kite-actions button').allTextContents(),
    ['See my information', "Fix something that's wrong", 'Delete my information', 'Stop using my information', "I'm worried about something"]);
  const expected = {
    see: 'mailto:dpo@oakfield.sch.uk?subject=Request%20to%20see%20my%20information&body=Write%20your%20message%20here.',
    fix: 'mailto:dpo@oakfield.sch.uk?subject=Something%20about%20me%20is%20wrong&body=Write%20your%20message%20here.',
    delete: 'mailto:dpo@oakfield.sch.uk?subject=Request%20to%20delete%20my%20information&body=Write%20your%20message%20here.',
    stop: 'mailto:dpo@oakfield.sch.uk?subject=Request%20to%20stop%20using%20my%20information&body=Write%20your%20message%20here.',
  };
  for (const [code, href] of Object.entries(expected)) {
    await dialogOf(p, 'rights').locator(`[data-action="${code}"]`).click();
    const route = dialogOf(p, 'route');
    await route.waitFor();
    assert.equal(await route.locator('.kite-link').getAttribute('href'), href, code);
    assert.equal(await route.locator('.kite-link').getAttribute('rel'), 'noopener noreferrer');
    await route.locator('[data-action="back"]').click();
    await dialogOf(p, 'rights').waitFor();
  }
  await dialogOf(p, 'rights').locator('[data-action="worry"]').click();
  const worry = dialogOf(p, 'route');
  await worry.waitFor();
  assert.deepEqual(await worry.locator('.kite-link').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')])), [
    ["Go to the school's form", '/worried'],
    ['CEOP: report something that happened online', 'https://www.ceop.police.uk/Safety-Centre/'],
    ['Childline: talk to someone, free, on 0800 1111', 'https://www.childline.org.uk/'],
  ]);
  // A help link goes straight there, without the "you are leaving" dialog in the way.
  const opened = browser.context.waitForEvent('page');
  await browser.context.route('https://www.childline.org.uk/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>Childline</title>' }));
  await worry.locator('.kite-link', { hasText: 'Childline' }).click();
  const childline = await opened;
  await childline.waitForLoadState();
  assert.equal(await dialogOf(p, 'leave').count(), 0);
  assert.equal(await childline.evaluate(() => document.referrer), '', 'no referrer');
  await p.bringToFront();
  await p.keyboard.press('Escape');
  await worry.waitFor({ state: 'detached' });
  assert.equal(await p.evaluate(() => document.activeElement.tagName), 'KITE-RIGHTS', 'focus back on the button that opened it');

  await p.evaluate(() => window.kite.rights.open('delete'));
  await dialogOf(p, 'route').locator('h2', { hasText: 'Delete my information' }).waitFor();
  await browser.close();
});

test('the_policy_change_message_shows_once_to_visitors_who_saw_an_earlier_revision', async () => {
  const browser = await launch();
  const p = await open(browser, page('rev-1'));
  assert.equal(await dialogOf(p, 'changes').count(), 0, 'a first visit has nothing changed');
  await p.locator('kite-root .kite-banner [data-action="ok"]').click();
  const changes = { revision: 2, privacyNotice: { url: '/privacy', changes: { 'en-GB': 'We no longer use the quiz app.', cy: "Dydyn ni ddim yn defnyddio'r ap cwis mwyach." } } };
  await p.goto(page('rev-2', { cfg: config(changes) }));
  await kiteReady(p);
  const message = dialogOf(p, 'changes');
  await message.waitFor();
  assert.equal(await message.locator('h2').textContent(), 'We changed how we look after your information');
  assert.equal(await message.locator('.kite-text').textContent(), 'We no longer use the quiz app.');
  assert.equal(await message.locator('.kite-link').getAttribute('href'), '/privacy');
  await message.locator('[data-action="ok"]').click();
  await message.waitFor({ state: 'detached' });
  await p.reload();
  await kiteReady(p);
  await settle(p);
  assert.equal(await dialogOf(p, 'changes').count(), 0, 'acknowledged for this revision');
  await p.goto(page('rev-3-cy', { cfg: config({ ...changes, revision: 3 }), lang: 'cy' }));
  await kiteReady(p);
  await dialogOf(p, 'changes').locator('.kite-text', { hasText: "Dydyn ni ddim yn defnyddio'r ap cwis mwyach." }).waitFor();
  await browser.close();
});

test('notices_and_the_rights_panel_pass_axe_core_in_english_and_welsh_and_are_saved_for_review', async () => {
  const browser = await launch();
  const p = await browser.page();
  const cases = [
    ['6-9', 'en-GB', 320, { minAge: 7, maxAge: 9 }],
    ['13-15', 'en-GB', 1280, { minAge: 13, maxAge: 15 }],
    ['6-9', 'cy', 320, { minAge: 7, maxAge: 9 }],
    ['13-15', 'cy', 1280, { minAge: 13, maxAge: 15 }],
  ];
  for (const [band, lang, width, audience] of cases) {
    await p.setViewportSize({ width, height: 800 });
    await browser.context.clearCookies();
    await p.goto(page(`axe-${band}-${lang}`, { cfg: config({ audience }), lang }));
    await kiteReady(p);
    await p.evaluate(() => sessionStorage.clear());
    p.evaluate(() => window.kite.notice.show('photo-upload'));
    await notice(p).waitFor();
    await p.addScriptTag({ content: axeSource });
    const run = () => p.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    const result = await run();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `notice ${band} ${lang}`);
    await p.screenshot({ path: screenshotPath(`notice-${band}-${lang}-${width}px`) });
    await notice(p).locator('[data-action="not-now"]').click();
    await p.evaluate(() => window.kite.rights.open('worry'));
    await dialogOf(p, 'route').waitFor();
    const rights = await run();
    assert.deepEqual(rights.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `rights ${band} ${lang}`);
    await p.screenshot({ path: screenshotPath(`rights-worry-${band}-${lang}-${width}px`) });
    await p.keyboard.press('Escape');
  }
  // Keyboard alone: Tab to the rights button, Enter, Tab to a route, Enter, Tab to the link.
  await p.setViewportSize({ width: 1280, height: 800 });
  await p.goto(page('keyboard', { cfg: config({ audience: 'sixth-form' }) }));
  await kiteReady(p);
  await p.locator('kite-root .kite-banner [data-action="reject"]').click();
  await p.locator('#send-message').focus();
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  await dialogOf(p, 'rights').waitFor();
  const action = () => p.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.dataset.action);
  const visited = [];
  for (let i = 0; i < 6 && (await action()) !== 'see'; i++) {
    await p.keyboard.press('Tab');
    visited.push(await action());
  }
  assert.deepEqual(visited, ['close', 'younger', 'see'], 'Tab goes: close, "Say it more simply", then the routes');
  await p.keyboard.press('Enter');
  await dialogOf(p, 'route').locator('h2', { hasText: 'See my information' }).waitFor();
  assert.equal(await action(), 'back', '"Go back" has focus on a route');
  const focusedClass = () => p.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.className);
  await p.keyboard.press('Shift+Tab');
  assert.equal(await focusedClass(), 'kite-read-as', '"Say it more simply" before the buttons');
  await p.keyboard.press('Shift+Tab');
  assert.equal(await focusedClass(), 'kite-link', 'then the link to the school');
  await browser.close();
});

test('the_demo_contact_page_asks_before_a_question_is_typed_and_offers_the_rights_panel', async () => {
  const browser = await launch();
  const p = await open(browser, `${servers.site}/contact.html`);
  await p.locator('kite-root .kite-banner [data-action="reject"]').click();
  await p.locator('#question').click();
  await notice(p).locator('h2', { hasText: 'Asking for help' }).waitFor();
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => document.activeElement.id === 'question');
  await p.locator('kite-rights button').click();
  await dialogOf(p, 'rights').locator('[data-action="see"]').click();
  const route = dialogOf(p, 'route');
  await route.waitFor();
  assert.match(await route.locator('.kite-link').getAttribute('href'), /^mailto:dpo@oakfield\.example\?subject=Request%20to%20see%20my%20information/);
  await p.addScriptTag({ content: axeSource });
  const result = await p.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  await p.screenshot({ path: screenshotPath('demo-contact-rights'), fullPage: true });
  await browser.close();
});
