// links.check in real Chromium: the browser's own URL parser resolves each href, and the
// policy core decides. These cases are the ones where a parser could be fooled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, settle, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

test('links_check_judges_the_address_chromium_would_open', async () => {
  const config = { ...demoConfig(), links: { trusted: ['bbc.co.uk'], ownHosts: ['oakfield.learning-platform.example'], stripParameters: ['ref'] } };
  servers.pages.set('/links.html', testPage({ config }));
  const browser = await launch();
  const page = await browser.page();
  await page.goto(`${servers.site}/links.html`);
  await kiteReady(page);
  const cases = [
    ['/news.html', 'go', 'same-site', null],
    [`${servers.site.toUpperCase()}/contact.html`, 'go', 'same-site', null],
    ['https://www.bbc.co.uk/bitesize', 'go', 'trusted', null],
    ['https://app.oakfield.learning-platform.example/', 'go', 'own-host', null],
    ['mailto:office@oakfield.example', 'go', 'not-a-website', null],
    ['https://stmarys.lancs.sch.uk/', 'ask', 'third-party', 'stmarys.lancs.sch.uk'],
    ['https://www.bbc.co.uk.evil.example/', 'ask', 'third-party', 'bbc.co.uk.evil.example'],
    ['https://127.0.0.1@evil.example/', 'ask', 'third-party', 'evil.example'],
    ['//evil.example/x', 'ask', 'third-party', 'evil.example'],
    ['\\\\evil.example/x', 'ask', 'third-party', 'evil.example'],
    [' ht\ttps://EVIL.example./ ', 'ask', 'third-party', 'evil.example'],
    ['http://0x7f.1/', 'go', 'same-site', null],
    ['https://münchen.example/', 'ask', 'third-party', 'münchen.example'],
    ['https://p\u0430ypal.com/', 'ask', 'third-party', 'xn--pypal-4ve.com'],
    ['data:text/html,<script>alert(1)</script>', 'refuse', 'data', null],
    ['vbscript:msgbox(1)', 'refuse', 'vbscript', null],
  ];
  const results = await page.evaluate((hrefs) => hrefs.map((h) => window.kite.links.check(h)), cases.map((c) => c[0]));
  cases.forEach(([href, decision, reason, site], i) => {
    assert.deepEqual([results[i].decision, results[i].reason, results[i].site], [decision, reason, site], `${JSON.stringify(href)} → ${JSON.stringify(results[i])}`);
  });
  const museum = await page.evaluate(() => window.kite.links.check('https://museum.example/visit?utm_source=school&id=4&ref=oakfield&fbclid=x#tickets'));
  assert.equal(museum.url, 'https://museum.example/visit?id=4#tickets', 'tracking parameters removed, the rest kept');
  assert.deepEqual(browser.errors.filter((e) => !e.includes('Failed to load resource')), [], 'nothing thrown or logged (a missing favicon aside)');
  await browser.close();
});

// The "you are leaving" dialog, driven as a child would: mouse, keyboard, middle click.
const leaving = (page) => page.locator('kite-root .kite-leave [role="dialog"]');
const LINKS = `
<p><a id="out" href="%OTHER%/landing?utm_source=school&amp;id=4&amp;fbclid=x">The museum</a>
<a id="same" href="/t/same.html">Our news</a>
<a id="data" href="data:text/html,hello">A data link</a>
<a id="mail" href="mailto:office@oakfield.example">Email the office</a></p>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" usemap="#map" width="40" height="40" alt="Map of links">
<map name="map"><area id="area" shape="rect" coords="0,0,40,40" href="%OTHER%/landing?via=area" alt="The museum"></map>
<form id="museum-form" action="%OTHER%/landing?utm_campaign=x" method="post"><p><input name="pupil" value="Ada" aria-label="Name"></p><p><button id="send">Send to the museum</button></p></form>
<form id="our-form" action="/t/same.html"><p><button id="search">Search our site</button></p></form>
<p><button id="popup" type="button">Open the museum in a window</button></p>
<p><button id="popup-here" type="button">Open our news in a window</button></p>
<link-card></link-card>
<script nonce="%NONCE%">
document.getElementById('popup').addEventListener('click', () => { window.opened = window.open('%OTHER%/landing?via=open&utm_medium=x', 'museum'); });
document.getElementById('popup-here').addEventListener('click', () => { window.opened = window.open('/t/same.html'); });
customElements.define('link-card', class extends HTMLElement {
  connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<a id="inner" href="%OTHER%/landing?via=shadow">Inside a component</a>'; }
});
window.linkEvents = []; document.addEventListener('kite:link', (e) => window.linkEvents.push(e.detail));</script>`;

function linksPage(name, config = { ...demoConfig(), audience: 'primary' }) {
  servers.pages.set(`/t/${name}.html`, testPage({ config, extra: LINKS }));
  servers.pages.set('/t/same.html', testPage({ config }));
  return `${servers.site}/t/${name}.html`;
}

const landings = () => servers.requests.filter((r) => r.path === '/landing');

test('a_link_to_another_site_asks_first_and_go_back_stays_here', async () => {
  const browser = await launch();
  const page = await browser.page();
  const url = linksPage('leave-back');
  await page.goto(url);
  await kiteReady(page);
  const before = landings().length;
  await page.locator('#out').click();
  await leaving(page).waitFor();
  assert.equal(await leaving(page).locator('.kite-site').textContent(), 'localhost', 'the site is named');
  assert.match(await leaving(page).textContent(), /adult|grown-up/, 'a primary-school child is told to check with an adult');
  assert.equal(await page.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.dataset.action), 'back', 'Go back has focus');
  await page.keyboard.press('Enter');
  await leaving(page).waitFor({ state: 'detached' });
  await settle(page);
  assert.equal(page.url(), url, 'still on the school page');
  assert.equal(landings().length, before, 'nothing reached the other site');
  assert.deepEqual(await page.evaluate(() => window.linkEvents.map((e) => `${e.outcome}:${e.site}`)), ['shown:localhost', 'back:localhost']);
  await browser.close();
});

test('continue_goes_there_without_the_referrer_or_tracking_parameters', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(linksPage('leave-continue'));
  await kiteReady(page);
  await page.locator('#out').click();
  await leaving(page).locator('[data-action="continue"]').click();
  await page.waitForURL(`${servers.other}/landing?id=4`);
  const request = landings().at(-1);
  assert.equal(request.query, '?id=4', 'utm_source and fbclid removed');
  assert.equal(request.referer, '', 'the other site is not told where the child came from');
  await browser.close();
});

test('middle_click_ctrl_click_keyboard_area_and_shadow_links_all_ask', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(linksPage('leave-ways'));
  await kiteReady(page);
  const before = landings().length;
  const ask = async (how, act) => {
    await act();
    await leaving(page).waitFor({ timeout: 3000 }).catch(() => assert.fail(`${how}: no dialog`));
    await leaving(page).locator('[data-action="back"]').click();
    await leaving(page).waitFor({ state: 'detached' });
  };
  await ask('middle click', () => page.locator('#out').click({ button: 'middle' }));
  await ask('ctrl click', () => page.locator('#out').click({ modifiers: ['Control'] }));
  await ask('shift click', () => page.locator('#out').click({ modifiers: ['Shift'] }));
  await ask('keyboard', async () => { await page.locator('#out').focus(); await page.keyboard.press('Enter'); });
  await ask('area', () => page.locator('img[usemap]').click());
  await ask('shadow root', () => page.locator('#inner').click());
  await settle(page);
  assert.equal(browser.context.pages().length, 1, 'no tab opened');
  assert.equal(landings().length, before, 'nothing reached the other site');
  await page.locator('#mail').evaluate((a) => a.addEventListener('click', (e) => e.preventDefault()));
  await page.locator('#mail').click();
  await settle(page, 200);
  assert.equal(await leaving(page).count(), 0, 'mailto: is not another website');
  await page.locator('#same').click();
  await page.waitForURL(`${servers.site}/t/same.html`);
  await browser.close();
});

test('a_data_link_is_refused_and_a_new_tab_continue_has_no_opener', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(linksPage('leave-refuse', { ...demoConfig(), audience: 'sixth-form', links: { newTab: true } }));
  await kiteReady(page);
  await page.locator('#data').click();
  const refused = page.locator('kite-root .kite-refuse [role="dialog"]');
  await refused.waitFor();
  await refused.locator('[data-action="ok"]').click();
  await refused.waitFor({ state: 'detached' });
  assert.ok(page.url().startsWith(servers.site), 'the data: page was never opened');
  await page.locator('#out').click();
  assert.doesNotMatch(await leaving(page).textContent(), /adult/, 'sixth-formers are not told to ask an adult');
  const [tab] = await Promise.all([browser.context.waitForEvent('page'), leaving(page).locator('[data-action="continue"]').click()]);
  await tab.waitForURL(`${servers.other}/landing?id=4`);
  assert.equal(await tab.evaluate(() => window.opener), null, 'no window.opener');
  assert.equal(landings().at(-1).referer, '');
  await browser.close();
});

test('the_leaving_dialog_passes_axe_core_in_english_and_welsh_and_is_saved_for_review', async () => {
  const browser = await launch();
  const page = await browser.page();
  for (const [lang, width] of [['en-GB', 1280], ['en-GB', 320], ['cy', 1280]]) {
    await page.setViewportSize({ width, height: 800 });
    servers.pages.set(`/t/leave-${lang}.html`, testPage({ config: { ...demoConfig(), audience: 'primary' }, lang, extra: LINKS }));
    await page.goto(`${servers.site}/t/leave-${lang}.html`);
    await kiteReady(page);
    await page.locator('#out').click();
    await leaving(page).waitFor();
    if (lang === 'cy') assert.match(await leaving(page).textContent(), /Ymlaen i localhost/);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${lang} ${width}px`);
    const box = await leaving(page).boundingBox();
    assert.ok(box.width <= width, `${lang} ${width}px: the dialog fits the screen`);
    await page.screenshot({ path: screenshotPath(`leaving-${lang}-${width}px`) });
  }
  await browser.close();
});

test('the_leaving_dialog_works_by_keyboard_alone', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(linksPage('leave-keyboard', { ...demoConfig(), audience: 'sixth-form' }));
  await kiteReady(page);
  await page.locator('kite-root .kite-banner [data-action="reject"]').click();
  await page.locator('#out').focus();
  await page.keyboard.press('Enter');
  await leaving(page).waitFor();
  const focusedAction = () => page.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.dataset.action ?? null);
  assert.equal(await focusedAction(), 'back');
  await page.keyboard.press('Tab');
  assert.equal(await focusedAction(), 'continue');
  await page.keyboard.press('Tab');
  assert.equal(await focusedAction(), 'close', 'focus stays inside the dialog');
  await page.keyboard.press('Escape');
  await leaving(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'out', 'focus goes back to the link');
  assert.ok(page.url().startsWith(servers.site), 'Escape means go back');
  await page.locator('#data').click();
  const refused = page.locator('kite-root .kite-refuse [role="dialog"]');
  await refused.waitFor();
  assert.equal(await focusedAction(), 'ok');
  await page.screenshot({ path: screenshotPath('refused-en-GB-1280px') });
  await page.keyboard.press('Enter');
  await refused.waitFor({ state: 'detached' });
  await browser.close();
});

test('a_form_that_sends_to_another_site_asks_first_then_sends_without_the_referrer', async () => {
  const browser = await launch();
  const page = await browser.page();
  const url = linksPage('leave-form');
  await page.goto(url);
  await kiteReady(page);
  const before = landings().length;
  await page.locator('#send').click();
  await leaving(page).waitFor();
  assert.equal(await leaving(page).locator('.kite-site').textContent(), 'localhost');
  await leaving(page).locator('[data-action="back"]').click();
  await leaving(page).waitFor({ state: 'detached' });
  await settle(page);
  assert.equal(page.url(), url, 'Go back: the form was not sent');
  assert.equal(landings().length, before, 'nothing reached the other site');
  await page.locator('#museum-form input').press('Enter');
  await leaving(page).waitFor();
  await leaving(page).locator('[data-action="continue"]').click();
  await page.waitForURL(`${servers.other}/landing?utm_campaign=x`);
  const sent = landings().at(-1);
  assert.equal(sent.method, 'POST', 'the form is sent as the page wrote it');
  assert.equal(sent.referer, '', 'the other site is not told where the child came from');
  assert.deepEqual(await page.evaluate(() => document.title), 'Another site');
  await page.goto(url);
  await kiteReady(page);
  await page.locator('#search').click();
  await page.waitForURL(`${servers.site}/t/same.html?`);
  await browser.close();
});

test('window_open_to_another_site_asks_first_and_opens_with_no_opener', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(linksPage('leave-open'));
  await kiteReady(page);
  const before = landings().length;
  await page.locator('#popup').click();
  await leaving(page).waitFor();
  assert.equal(await page.evaluate(() => window.opened), null, 'the page gets null, as from a pop-up blocker');
  await leaving(page).locator('[data-action="back"]').click();
  await settle(page);
  assert.equal(browser.context.pages().length, 1, 'Go back: no window opened');
  assert.equal(landings().length, before);
  await page.locator('#popup').click();
  const [tab] = await Promise.all([browser.context.waitForEvent('page'), leaving(page).locator('[data-action="continue"]').click()]);
  await tab.waitForURL(`${servers.other}/landing?via=open`);
  assert.equal(await tab.evaluate(() => window.opener), null, 'no window.opener');
  assert.equal(landings().at(-1).referer, '', 'no Referer');
  await tab.close();
  const [ours] = await Promise.all([browser.context.waitForEvent('page'), page.locator('#popup-here').click()]);
  await ours.waitForURL(`${servers.site}/t/same.html`);
  assert.equal(await page.evaluate(() => window.opened !== null), true, 'a window on the school site opens as always');
  assert.equal(await leaving(page).count(), 0);
  await browser.close();

  const unguarded = await launch();
  const other = await unguarded.page();
  await other.goto(linksPage('leave-open-off', { ...demoConfig(), audience: 'primary', links: { guardWindowOpen: false } }));
  await kiteReady(other);
  const [tab2] = await Promise.all([unguarded.context.waitForEvent('page'), other.locator('#popup').click()]);
  await tab2.waitForURL(/via=open/);
  assert.equal(await leaving(other).count(), 0, 'guardWindowOpen: false leaves window.open alone');
  await unguarded.close();
});

test('older_pupils_can_choose_not_to_be_asked_again_today_and_younger_ones_cannot', async () => {
  const browser = await launch();
  const page = await browser.page();
  const url = linksPage('leave-skip', { ...demoConfig(), audience: 'sixth-form' });
  await page.goto(url);
  await kiteReady(page);
  await page.locator('#out').click();
  await leaving(page).waitFor();
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
  assert.deepEqual(result.violations.map((v) => v.id), [], 'the dialog with its tick box passes axe-core');
  await page.screenshot({ path: screenshotPath('leaving-dont-ask-again-1280px') });
  await leaving(page).getByLabel("Don't ask me again about this site today").check();
  await leaving(page).locator('[data-action="continue"]').click();
  await page.waitForURL(`${servers.other}/landing?id=4`);
  await page.goto(url);
  await kiteReady(page);
  const before = landings().length;
  await Promise.all([page.waitForURL(`${servers.other}/landing?id=4`), page.locator('#out').click()]);
  assert.equal(landings().length, before + 1, 'straight there, with no dialog');
  assert.equal(landings().at(-1).referer, '', 'still no Referer and no tracking parameters');
  const again = await browser.context.newPage();
  await again.goto(url);
  await kiteReady(again);
  await again.locator('#out').click();
  await leaving(again).waitFor({ timeout: 3000 }).catch(() => assert.fail('a new tab is a new session: the dialog shows again'));
  await browser.close();

  const young = await launch();
  const child = await young.page();
  await child.goto(linksPage('leave-skip-primary'));
  await kiteReady(child);
  await child.locator('#out').click();
  await leaving(child).waitFor();
  assert.equal(await leaving(child).locator('input[type="checkbox"]').count(), 0, 'under-13s see the dialog every time');
  await young.close();
});

test('if_kite_cannot_load_links_and_forms_work_as_they_always_did_and_embeds_stay_blocked', async () => {
  const browser = await launch();
  const page = await browser.page();
  await browser.context.route(/kite_core_bg\.wasm/, (route) => route.abort());
  const url = linksPage('leave-no-kite');
  const embedsBefore = servers.requests.filter((r) => r.path.startsWith('/embed/')).length;
  await page.goto(url);
  await settle(page, 800);
  await Promise.all([page.waitForURL(/\/landing\?utm_source=school/), page.locator('#out').click()]);
  await page.goto(url);
  await settle(page);
  await Promise.all([page.waitForURL(`${servers.other}/landing?utm_campaign=x`), page.locator('#send').click()]);
  assert.equal(servers.requests.filter((r) => r.path.startsWith('/embed/')).length, embedsBefore, 'embeds fail closed');
  await browser.close();
});
