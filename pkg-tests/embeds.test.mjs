// Embeds in real Chromium: the placeholder sits in the iframe's own box, nothing reaches the
// provider until the child chooses, and the provider's privacy-enhanced address is used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, settle, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers, hits, placeholderFit } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

const EMBEDS = `
<p>Our open evening:</p>
<iframe id="film" data-kite="functional/video" data-src="%TRACKER%/embed/open-evening" title="Oakfield open evening film" width="560" height="315"></iframe>
<p>And again, smaller:</p>
<iframe id="film-2" data-kite="functional/video" data-src="%TRACKER%/embed/open-evening-2" title="Oakfield open evening film, again" style="width: 100%; max-width: 400px; aspect-ratio: 16 / 9; border: 0"></iframe>
<script nonce="%NONCE%">
window.shift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
</script>`;

function embedPage(name, config = { ...demoConfig(), audience: 'sixth-form' }, lang = 'en-GB') {
  servers.pages.set(`/e/${name}.html`, testPage({ config, lang, extra: EMBEDS }));
  return `${servers.site}/e/${name}.html`;
}

const placeholder = (page, id = 'film') => page.frameLocator(`#${id}`).locator('.kite-placeholder [role="group"]');
const box = (page, id = 'film') => page.locator(`#${id}`).boundingBox();
const filmHits = () => hits(servers, '/embed/open-evening');

test('a_placeholder_fills_the_embeds_own_box_and_nothing_reaches_the_provider_until_load_once', async () => {
  const browser = await launch();
  const page = await browser.page();
  const url = embedPage('once');
  const before = filmHits();
  const blank = await (async () => { await page.goto(url); return box(page); })();
  await kiteReady(page);
  await placeholder(page).waitFor();
  assert.equal(await placeholder(page).locator('h2').textContent(), 'This comes from Video player', 'named by the school\'s label');
  assert.match(await placeholder(page).textContent(), /Plays the open evening video/, 'what it does, from the config');
  assert.deepEqual(await placeholder(page).locator('button').allTextContents(), ['Load this once', 'Always allow Video player']);
  assert.deepEqual(await box(page), blank, 'the placeholder is exactly the embed\'s box');
  await settle(page);
  assert.equal(filmHits(), before, 'no request to the provider before a choice');
  await placeholder(page).locator('[data-action="once"]').click();
  await page.frameLocator('#film').locator('text=Oakfield Open Evening').waitFor();
  assert.equal(filmHits(), before + 1, 'loaded once, on request');
  assert.deepEqual(await box(page), blank, 'the embed loads in the same box');
  assert.equal(await page.evaluate(() => window.shift), 0, 'no layout shift');
  await placeholder(page, 'film-2').waitFor();
  assert.equal(await page.evaluate(() => window.kite.consent.get().services['functional/video']), false, 'once is not a lasting choice');
  await page.reload();
  await kiteReady(page);
  await placeholder(page).waitFor();
  await settle(page);
  assert.equal(filmHits(), before + 1, 'after a reload it asks again');
  await browser.close();
});

test('always_allow_turns_the_service_on_loads_every_embed_of_it_and_withdrawing_brings_the_placeholder_back', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(embedPage('always'));
  await kiteReady(page);
  await placeholder(page).locator('[data-action="always"]').click();
  await page.frameLocator('#film').locator('text=Oakfield Open Evening').waitFor();
  await page.frameLocator('#film-2').locator('text=Oakfield Open Evening').waitFor();
  assert.equal(await page.evaluate(() => window.kite.consent.get().services['functional/video']), true, 'remembered as a choice for the service');
  await page.reload();
  await kiteReady(page);
  await page.frameLocator('#film').locator('text=Oakfield Open Evening').waitFor();
  await page.evaluate(() => window.kite.consent.set({ functional: false }));
  await placeholder(page).waitFor();
  await placeholder(page, 'film-2').waitFor();
  await browser.close();
});

test('youtube_loads_from_youtube_nocookie_and_vimeo_with_dnt', async () => {
  const config = demoConfig();
  config.audience = 'sixth-form';
  config.purposes.find((p) => p.name === 'functional').services.push({ name: 'youtube' }, { name: 'vimeo' });
  const extra = `<iframe id="yt" data-kite="functional/youtube" data-src="https://www.youtube.com/embed/abc123?start=5&amp;utm_source=x" title="A YouTube video" width="560" height="315"></iframe>
<iframe id="vm" data-kite="functional/vimeo" data-src="https://player.vimeo.com/video/76979871" title="A Vimeo video" width="560" height="315"></iframe>`;
  servers.pages.set('/e/providers.html', testPage({ config, extra }));
  const browser = await launch();
  const page = await browser.page();
  const seen = [];
  await browser.context.route(/youtube|vimeo/, (route) => {
    seen.push(route.request().url());
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>player</title><p>Player</p>' });
  });
  await page.goto(`${servers.site}/e/providers.html`);
  await kiteReady(page);
  await placeholder(page, 'yt').waitFor();
  assert.equal(await placeholder(page, 'yt').locator('h2').textContent(), 'This comes from YouTube');
  assert.match(await placeholder(page, 'vm').textContent(), /Vimeo may record/);
  await settle(page);
  assert.deepEqual(seen, [], 'nothing sent to YouTube or Vimeo before a choice');
  await placeholder(page, 'yt').locator('[data-action="once"]').click();
  await placeholder(page, 'vm').locator('[data-action="once"]').click();
  await page.frameLocator('#yt').locator('text=Player').waitFor();
  await page.frameLocator('#vm').locator('text=Player').waitFor();
  assert.deepEqual(seen.sort(), [
    'https://player.vimeo.com/video/76979871?dnt=1',
    'https://www.youtube-nocookie.com/embed/abc123?start=5&utm_source=x',
  ]);
  await browser.close();
});

test('on_a_primary_site_a_child_can_load_once_and_is_told_to_check_with_an_adult', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(embedPage('primary', { ...demoConfig(), audience: 'primary' }));
  await kiteReady(page);
  await placeholder(page).waitFor();
  assert.deepEqual(await placeholder(page).locator('button').allTextContents(), ['Load this once'], 'only a parent or carer can always allow');
  assert.match(await placeholder(page).textContent(), /adult|grown-up/);
  await browser.close();
});

test('placeholders_work_by_keyboard_pass_axe_core_in_english_and_welsh_and_are_saved_for_review', async () => {
  const browser = await launch();
  const page = await browser.page();
  for (const [lang, width] of [['en-GB', 1280], ['en-GB', 320], ['cy', 1280]]) {
    await page.setViewportSize({ width, height: 900 });
    await browser.context.clearCookies();
    await page.goto(embedPage(`axe-${lang}-${width}`, { ...demoConfig(), audience: 'sixth-form' }, lang));
    await kiteReady(page);
    await page.locator('kite-root .kite-banner [data-action="reject"]').click();
    await placeholder(page).waitFor();
    await placeholder(page, 'film-2').waitFor();
    if (lang === 'cy') assert.match(await placeholder(page).textContent(), /Llwytho unwaith/);
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) await frame.addScriptTag({ content: axeSource });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${lang} ${width}px`);
    await page.locator('#film').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`embed-${lang}-${width}px`) });
  }
  // Keyboard: Tab from the page reaches the placeholder's first button; Enter loads it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await browser.context.clearCookies();
  await page.goto(embedPage('keyboard'));
  await kiteReady(page);
  await page.locator('kite-root .kite-banner [data-action="reject"]').click();
  await placeholder(page).waitFor();
  const before = filmHits();
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.frameLocator('#film').locator('[data-action="once"]').evaluate((b) => b.ownerDocument.activeElement === b && document.hasFocus()).catch(() => false);
  }
  assert.ok(reached, 'Tab reaches "Load this once"');
  await page.keyboard.press('Enter');
  await page.frameLocator('#film').locator('text=Oakfield Open Evening').waitFor();
  assert.equal(filmHits(), before + 1);
  await browser.close();
});

test('the_demo_open_evening_and_links_pages_pass_axe_core_with_their_placeholder_and_form', async () => {
  const browser = await launch();
  const page = await browser.page();
  for (const name of ['open-evening', 'links']) {
    await page.goto(`${servers.site}/${name}.html`);
    await kiteReady(page);
    if (name === 'open-evening') {
      await page.locator('kite-root .kite-banner [data-action="reject"]').click();
      await page.frameLocator('iframe[data-kite]').locator('[role="group"]').waitFor();
    }
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) await frame.addScriptTag({ content: axeSource });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], name);
    await page.screenshot({ path: screenshotPath(`demo-${name}`), fullPage: true });
  }
  await page.locator('.signup button').click();
  await page.locator('kite-root .kite-leave [role="dialog"]').waitFor();
  await browser.close();
});

test('the_placeholder_fits_an_iframe_with_no_size_300_by_150_in_english_and_welsh_for_every_age', async () => {
  // The longest placeholders: a 13+ site's two buttons, and a 6–9 site's note, in both languages.
  // WebKit and Firefox check the same in pkg-tests/engines.
  const browser = await launch();
  for (const [name, lang, audience] of [['en', 'en-GB', 'sixth-form'], ['cy', 'cy', 'sixth-form'], ['en-6-9', 'en-GB', { minAge: 7, maxAge: 9 }], ['cy-6-9', 'cy', { minAge: 7, maxAge: 9 }]]) {
    servers.pages.set(`/e/small-${name}.html`, testPage({ config: { ...demoConfig(), audience }, lang }));
    const page = await browser.page();
    await page.goto(`${servers.site}/e/small-${name}.html`);
    const frame = page.frameLocator('iframe[data-kite]');
    await frame.locator('.kite-placeholder [data-action="once"]').waitFor();
    const fit = await frame.locator('body').evaluate(placeholderFit);
    await page.locator('iframe[data-kite]').screenshot({ path: screenshotPath(`placeholder-300x150-${name}-chromium`) });
    assert.deepEqual(fit.view, [300, 150]);
    assert.ok(fit.scroll[0] <= 300 && fit.scroll[1] <= 150, `${name}: no scrolling inside the placeholder: ${JSON.stringify(fit)}`);
    assert.deepEqual(fit.outside, [], `${name}: every word and button is inside the box`);
  }
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
