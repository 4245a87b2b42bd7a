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
<link-card></link-card>
<script nonce="%NONCE%">customElements.define('link-card', class extends HTMLElement {
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
