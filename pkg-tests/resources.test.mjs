// Every kind of element a tracker arrives in, against the packed package in Chromium: pixels
// (<img>), fonts and stylesheets (<link>), <video>, <audio>, <source>, <picture>, <object> and
// <embed>, marked with data-kite and their addresses in data-src, data-href, data-srcset and
// data-poster. Nothing is fetched from the other site before a choice; "Accept all" fetches
// each; late-added ones follow the same rule; a mark on an element that already loaded is
// named in the console with its fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, banner, settle, testPage, demoConfig, kiteReady, closeBrowsers, screenshotPath } from './helpers.mjs';

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

// The demo's config, with a fonts service (Google Fonts, say) under functional.
const config = demoConfig();
config.purposes.find((p) => p.name === 'functional').services.push({ name: 'fonts', label: 'Fonts from Google' });

const RESOURCES = `
<link rel="preconnect" data-kite="functional/fonts" data-href="%TRACKER%">
<link rel="stylesheet" data-kite="functional/fonts" data-href="%TRACKER%/css2?family=Lexend">
<section aria-label="Media">
<img data-kite="marketing/ads" data-src="%TRACKER%/tr?id=pixel" width="1" height="1" alt="">
<picture data-kite="marketing/ads"><source data-srcset="%TRACKER%/picture.webp" type="image/webp"><img data-src="%TRACKER%/picture.png" alt="A school trip"></picture>
<video data-kite="functional/video" data-src="%TRACKER%/trip.mp4" data-poster="%TRACKER%/poster.png" controls width="320" height="180"></video>
<audio data-kite="functional/video" controls preload="auto"><source data-src="%TRACKER%/song.mp3" type="audio/mpeg"></audio>
<object data-kite="functional/video" data-src="%TRACKER%/object.svg" type="image/svg+xml" width="40" height="40" aria-label="Object"></object>
<embed data-kite="functional/video" data-src="%TRACKER%/embed.svg" type="image/svg+xml" width="40" height="40">
</section>`;

const EXPECTED = ['/css2', '/tr', '/picture.webp', '/trip.mp4', '/poster.png', '/song.mp3', '/object.svg', '/embed.svg'];

let n = 0;
function page(extra = RESOURCES) {
  const path = `/res/${++n}.html`;
  servers.pages.set(path, testPage({ config, extra }));
  return servers.site + path;
}

const fetched = () => new Set(servers.requests.map((r) => r.path));

/** A fresh browser on a fresh page of marked resources, with the banner up and nothing fetched yet. */
async function opened() {
  servers.requests.length = 0;
  const browser = await launch();
  const tab = await browser.page();
  await tab.goto(page());
  await banner(tab).waitFor();
  return { browser, tab };
}

test('pixels_fonts_and_media_load_nothing_before_a_choice_and_everything_after_accept', async () => {
  const { browser, tab } = await opened();
  await kiteReady(tab);
  await settle(tab, 1000);
  assert.deepEqual([...fetched()], [], 'nothing from the other site before a choice');
  await tab.screenshot({ path: screenshotPath('resources-blocked') });

  await banner(tab).locator('[data-action="accept"]').click();
  for (let i = 0; i < 40 && !EXPECTED.every((p) => fetched().has(p)); i++) await settle(tab, 250);
  assert.deepEqual(EXPECTED.filter((p) => !fetched().has(p)), [], `every element fetched its address; got ${[...fetched()].join(', ')}`);
  assert.ok(servers.requests.every((r) => !r.path.endsWith('picture.png') || fetched().has('/picture.webp')), 'the picture chose from its sources');
  const states = await tab.evaluate(() => [...document.querySelectorAll('[data-kite]:not(script):not(iframe)')].map((e) => `${e.tagName.toLowerCase()} ${e.getAttribute('data-kite-state')}`));
  assert.ok(states.every((s) => s.endsWith(' ran')), states.join('\n'));
  assert.deepEqual(browser.errors.filter((e) => !/Failed to load resource|MEDIA_ERR|decode/i.test(e)), []);
  await browser.close();
});

test('rejecting_keeps_every_pixel_font_and_media_file_out_and_late_ones_wait_too', async () => {
  const { browser, tab } = await opened();
  await banner(tab).locator('[data-action="reject"]').click();
  await tab.evaluate(() => {
    const img = document.createElement('img');
    img.dataset.kite = 'marketing/ads';
    img.dataset.src = document.querySelector('img[data-kite]').dataset.src.replace('pixel', 'late');
    img.alt = '';
    document.body.append(img);
  });
  await settle(tab, 1200);
  assert.deepEqual([...fetched()], [], 'nothing after "Reject", including an image added later');
  // Allowing ads later releases the late image as well.
  await tab.evaluate(() => window.kite.consent.set({ marketing: true }));
  for (let i = 0; i < 20 && !servers.requests.some((r) => r.query === '?id=late'); i++) await settle(tab, 250);
  assert.ok(servers.requests.some((r) => r.query === '?id=late'), 'the late image loaded once allowed');
  assert.ok(!fetched().has('/css2'), 'fonts are still not allowed');
  await browser.close();
});

test('a_marked_image_font_or_iframe_with_its_live_address_is_named_in_the_console_with_its_fix', async () => {
  const browser = await launch();
  const tab = await browser.page();
  await tab.goto(page(`<img data-kite="marketing/ads" src="%TRACKER%/early.gif" alt="">
<link rel="stylesheet" data-kite="functional/fonts" href="%TRACKER%/early.css">
<iframe data-kite="functional/video" src="%TRACKER%/early.html" title="Early"></iframe>`));
  await kiteReady(tab);
  await settle(tab, 500);
  for (const [tag, mark, live, file, held] of [['img', 'marketing/ads', 'src', 'early.gif', 'data-src'], ['link', 'functional/fonts', 'href', 'early.css', 'data-href'], ['iframe', 'functional/video', 'src', 'early.html', 'data-src']]) {
    const said = new RegExp(`<${tag} data-kite="${mark}"> has ${live}=".*${file}", so the browser loaded it before Kite could stop it\\. Write ${held} instead of ${live}\\.`);
    assert.ok(browser.errors.some((e) => said.test(e)), `${tag}: ${browser.errors.join('\n')}`);
  }
  assert.equal(await tab.locator('img[data-kite]').getAttribute('src'), null, 'the image is held from now on');
  assert.equal(await tab.locator('link[data-kite]').getAttribute('href'), null, 'the stylesheet stops applying');
  assert.equal(await tab.locator('iframe[title="Early"]').getAttribute('src'), 'about:blank', 'the iframe is emptied');
  await browser.close();
});

test('a_huge_or_emoji_address_or_mark_is_quoted_short_and_kite_keeps_working', async () => {
  const browser = await launch();
  const tab = await browser.page();
  const huge = '😀'.repeat(100000);
  await tab.goto(page(`<img data-kite="marketing/ads" src="%TRACKER%/early.gif?${huge}" alt="">
<img data-kite="${'ü'.repeat(50000)}" data-src="%TRACKER%/late.gif" alt="">
<img data-kite="marketing/ads" data-src="%TRACKER%/é😀.gif" alt="">`));
  await kiteReady(tab);
  await banner(tab).locator('[data-action="accept"]').click();
  await tab.waitForFunction(() => document.querySelectorAll('img[data-kite-state="ran"]').length === 2);
  const kite = browser.errors.filter((e) => e.includes('Kite:'));
  assert.equal(kite.length, 2, kite.join('\n').slice(0, 500));
  for (const message of kite) assert.ok(message.length < 600 && message.includes('…'), `${message.length} characters`);
  assert.equal(await tab.locator('img[data-kite-state="error"]').count(), 1, 'the unknown mark stays blocked');
  await browser.close();
});
