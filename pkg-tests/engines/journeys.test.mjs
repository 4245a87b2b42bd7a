// The journeys that differ between engines, in WebKit (Safari's engine) and Firefox, against
// the packed package as a school installs it. Chromium runs the full suite (pkg-tests/*.test.mjs);
// this is the smoke test that the other engines still work: consent, the "you are leaving"
// dialog, an embed's placeholder in the default 300×150 iframe, a room loaded on first use,
// and the Welsh 6–9 banner on a 320 px phone, each with no page errors.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { By } from 'selenium-webdriver';
import { serve, testPage, demoConfig, screenshotPath, installPackage, placeholderFit } from '../helpers.mjs';
import { ENGINES, ERRORS, kit } from './drivers.mjs';

const rooms = JSON.parse(fs.readFileSync(path.join(installPackage(), 'pkg', 'rooms.json'), 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let servers;
before(async () => { servers = await serve(); });
after(async () => { await servers.close(); });

let n = 0;
/** A school page with Kite, the demo's marked trackers and an embed, and the error log first. */
function page({ config = demoConfig(), lang = 'en-GB', extra = '' } = {}) {
  const at = `/e/${++n}.html`;
  servers.pages.set(at, testPage({ config, lang, extra }).replace('<head>', `<head>${ERRORS}`));
  return servers.site + at;
}

/** What reached the other site since `from` (an index into servers.requests). */
const since = (from) => servers.requests.slice(from).map((r) => r.path);

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let driver;
    let k;
    let stop;
    before(async () => {
      ({ driver, stop } = await engine.start());
      k = kit(driver);
      await driver.manage().window().setRect({ width: 1024, height: 768 });
    });
    after(async () => { await stop?.(); });

    test(`${engine.name}: nothing_runs_before_a_choice_reject_holds_after_a_reload_accept_releases_and_choose_opens_preferences`, async () => {
      const url = page();
      await k.forget(servers.site);
      const from = servers.requests.length;
      await driver.get(url);
      await k.ready();
      await k.kite('.kite-banner [role="dialog"]');
      await sleep(500);
      assert.deepEqual(since(from), [], 'nothing reached the tracker before a choice');
      await (await k.kite('.kite-banner [data-action="reject"]')).click();
      await k.until('return !document.querySelector("kite-root").shadowRoot.querySelector(".kite-banner [role=dialog]");', 'the banner to go');
      assert.deepEqual(await k.errors(), []);

      await driver.navigate().refresh();
      await k.ready();
      await sleep(500);
      assert.equal(await k.shows('.kite-banner [role="dialog"]'), false, 'the choice was remembered');
      assert.equal(await driver.executeScript('return window.inlineRan === undefined;'), true, 'the marked inline script did not run');
      assert.deepEqual(since(from), [], 'nothing reached the tracker after "Reject all"');
      assert.deepEqual(await k.errors(), []);

      await k.forget(servers.site);
      await driver.get(url);
      await k.ready();
      await (await k.kite('.kite-banner [data-action="choose"]')).click();
      await k.kite('.kite-prefs [role="dialog"]');
      assert.deepEqual(await k.errors(), []);

      await k.forget(servers.site);
      await driver.get(url);
      await k.ready();
      await (await k.kite('.kite-banner [data-action="accept"]')).click();
      await k.until('return window.inlineRan === true;', 'the marked inline script to run');
      for (let i = 0; i < 40 && !['/tag.js', '/embed/video'].every((p) => since(from).includes(p)); i++) await sleep(250);
      assert.ok(since(from).includes('/tag.js'), `the marked script loaded: ${since(from)}`);
      assert.ok(since(from).includes('/embed/video'), `the marked iframe loaded: ${since(from)}`);
      assert.deepEqual(await k.errors(), []);
    });

    test(`${engine.name}: a_link_to_another_site_asks_first_and_continue_arrives_with_no_referrer`, async () => {
      const url = page({
        config: { ...demoConfig(), audience: 'primary' },
        extra: '<p><a id="out" href="%OTHER%/landing?utm_source=school&amp;id=4">The museum</a></p>',
      });
      await k.forget(servers.site);
      await driver.get(url);
      await k.ready();
      const from = servers.requests.length;
      await driver.findElement(By.id('out')).click();
      await k.kite('.kite-leave [role="dialog"]');
      assert.deepEqual(since(from), [], 'nothing reached the other site while the child decides');
      assert.deepEqual(await k.errors(), []);
      await (await k.kite('.kite-leave [data-action="continue"]')).click();
      await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(`${servers.other}/landing`), 10000, 'arriving at the museum');
      const landing = servers.requests.slice(from).find((r) => r.path === '/landing');
      assert.equal(landing.query, '?id=4', 'the tracking parameter was taken off');
      assert.equal(landing.referer, '', 'the other site is not told where the child came from');
    });

    test(`${engine.name}: the_placeholder_fits_the_default_300_by_150_iframe_in_english_and_welsh_and_load_this_once_loads_it`, async () => {
      // The longest placeholders: a 13+ site's two buttons, and a 6–9 site's note, in Welsh.
      for (const [name, lang, audience] of [['en', 'en-GB', undefined], ['cy', 'cy', undefined], ['cy-6-9', 'cy', { minAge: 7, maxAge: 9 }]]) {
        await k.forget(servers.site);
        await driver.get(page({ config: { ...demoConfig(), ...(audience && { audience }) }, lang }));
        await k.ready();
        const iframe = await driver.findElement(By.css('iframe[data-kite]'));
        await driver.switchTo().frame(iframe);
        await k.until('return !!document.querySelector(".kite-placeholder [data-action=once]");', 'the placeholder');
        const fit = await driver.executeScript(placeholderFit);
        await driver.switchTo().defaultContent();
        fs.writeFileSync(screenshotPath(`placeholder-300x150-${name}-${engine.name}`), await driver.takeScreenshot(), 'base64');
        assert.deepEqual(fit.view, [300, 150], 'an iframe with no size is 300×150 inside');
        assert.ok(fit.scroll[0] <= fit.view[0] && fit.scroll[1] <= fit.view[1], `${name}: no scrolling inside the placeholder: ${JSON.stringify(fit)}`);
        assert.deepEqual(fit.outside, [], `${name}: every word and button is inside the 300×150 box`);
        assert.deepEqual(await k.errors(), []);
      }
      const from = servers.requests.length;
      const iframe = await driver.findElement(By.css('iframe[data-kite]'));
      await driver.switchTo().frame(iframe);
      await driver.findElement(By.css('.kite-placeholder [data-action="once"]')).click();
      await driver.switchTo().defaultContent();
      for (let i = 0; i < 40 && !since(from).includes('/embed/video'); i++) await sleep(250);
      assert.ok(since(from).includes('/embed/video'), 'the video loaded once asked for');
      assert.deepEqual(await k.errors(), []);
    });

    test(`${engine.name}: a_room_loads_on_first_use_a_notice_comes_before_the_file_picker`, async () => {
      await k.forget(servers.site);
      const requested = servers.kite.requested.length;
      await driver.get(page({ extra: '<p><label id="photo-label" for="photo">Your photo</label> <input id="photo" type="file" data-kite-notice="photo-upload"></p>' }));
      await k.ready();
      await (await k.kite('.kite-banner [data-action="reject"]')).click();
      // WebDriver may not click a file input; a child taps its label, which clicks it.
      await driver.findElement(By.id('photo-label')).click();
      const notice = await k.kite('.kite-notice [role="dialog"]');
      assert.match(await notice.getText(), /Adding a photo/);
      for (const file of rooms.notices) assert.ok(servers.kite.requested.slice(requested).includes(file), `the notices room's ${file} was fetched`);
      await (await k.kite('.kite-notice [data-action="not-now"]')).click();
      await k.until('return !document.querySelector("kite-root").shadowRoot.querySelector(".kite-notice [role=dialog]");', 'the notice to close');
      assert.equal(await driver.executeScript('return document.getElementById("photo").files.length;'), 0, '"Not now" leaves the file input empty');
      assert.deepEqual(await k.errors(), []);
    });

    test(`${engine.name}: the_welsh_banner_for_6_to_9_fits_a_320_px_phone`, async () => {
      // Neither engine's window goes below about 450 px, so the phone is a 320×640 frame: its
      // own viewport, for Kite's fixed banner and its media queries alike.
      await k.forget(servers.site);
      const inner = page({ config: { ...demoConfig(), audience: { minAge: 7, maxAge: 9 } }, lang: 'cy' });
      servers.pages.set('/e/phone.html', `<!doctype html><html lang="cy"><head><meta charset="utf-8"><title>Phone</title></head>
<body style="margin:0"><iframe id="phone" src="${inner}" width="320" height="640" style="border:0" title="Phone"></iframe></body></html>`);
      await driver.get(`${servers.site}/e/phone.html`);
      const phone = await driver.findElement(By.id('phone'));
      await driver.switchTo().frame(phone);
      try {
        await k.ready();
        const banner = await k.kite('.kite-banner [role="dialog"]');
        assert.match(await banner.getText(), /cwci/i, 'the banner is in Welsh');
        await sleep(300);
        const fit = await driver.executeScript(`const root = document.querySelector('kite-root').shadowRoot;
          return { width: innerWidth, scroll: document.documentElement.scrollWidth,
            outside: [...root.querySelectorAll('.kite-banner button, .kite-banner h2, .kite-banner p')].filter((b) => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5; }).map((b) => b.textContent) };`);
        assert.equal(fit.width, 320, 'a 320 px viewport');
        assert.ok(fit.scroll <= fit.width, `no sideways scrolling: ${JSON.stringify(fit)}`);
        assert.deepEqual(fit.outside, [], 'every word and button is on screen');
        assert.deepEqual(await k.errors(), []);
      } finally {
        await driver.switchTo().defaultContent();
      }
      fs.writeFileSync(screenshotPath(`banner-6-9-cy-320-${engine.name}`), await driver.takeScreenshot(), 'base64');
    });
  });
}
