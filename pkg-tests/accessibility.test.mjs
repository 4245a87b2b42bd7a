// The consent UI for someone using a keyboard, a screen reader or a small phone: checked
// with axe-core and by hand in real Chromium, with screenshots saved for a person to read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, banner, preferences, settingsButton, hits, settle, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

async function visit(browser, url, viewport) {
  const page = await browser.page();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(url);
  await banner(page).waitFor();
  return page;
}

/** What has focus, looking inside Kite's shadow root. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el ? (el.dataset.action || el.id || el.getAttribute('role') || el.tagName.toLowerCase()) : null;
});

async function tabTo(page, target, limit = 30) {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

test('the_banner_and_the_dialog_pass_axe_core', async () => {
  const browser = await launch();
  const page = await visit(browser, servers.site + '/');
  assert.deepEqual(await axe(page), [], 'banner');
  await page.screenshot({ path: screenshotPath('banner') });
  await banner(page).locator('[data-action="choose"]').click();
  await preferences(page).waitFor();
  assert.deepEqual(await axe(page), [], 'preferences dialog');
  await page.screenshot({ path: screenshotPath('preferences') });
  await preferences(page).locator('[data-action="reject"]').click();
  await settingsButton(page).waitFor();
  assert.deepEqual(await axe(page), [], 'settings button');
  await page.screenshot({ path: screenshotPath('settings-button') });
  await browser.close();
});

test('everything_works_by_keyboard_alone', async () => {
  const browser = await launch();
  servers.requests.length = 0;
  const page = await visit(browser, servers.site + '/');
  // The banner takes focus once it has been painted (a frame after it shows).
  await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement, null, { timeout: 2000 }).catch(() => {});
  assert.equal(await focused(page), 'dialog', 'focus moved into the banner, onto no particular choice');
  await tabTo(page, 'choose');
  await page.keyboard.press('Enter');
  await preferences(page).waitFor();
  assert.equal(await focused(page), 'dialog', 'focus moved into the dialog');
  await tabTo(page, 'kite-purpose-analytics');
  await page.keyboard.press('Space');
  assert.equal(await preferences(page).locator('#kite-purpose-analytics').isChecked(), true, 'Space switches');
  await tabTo(page, 'save');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'close', 'Tab from the last control wraps to the first: focus stays in the dialog');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'save', 'and Shift+Tab wraps back');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.stats !== undefined);
  await settle(page, 300);
  assert.ok(hits(servers, '/tag.js') === 1 && hits(servers, '/ads.js') === 0, 'only analytics was chosen');
  const after = await page.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.className);
  assert.equal(after, 'kite-settings', 'focus went to the Privacy settings button');
  await page.keyboard.press('Enter');
  await preferences(page).waitFor();
  await page.keyboard.press('Escape');
  await preferences(page).waitFor({ state: 'detached' });
  const back = await page.evaluate(() => document.querySelector('kite-root').shadowRoot.activeElement?.className);
  assert.equal(back, 'kite-settings', 'Escape closes the dialog and focus returns to what opened it');
  await browser.close();
});

test('the_banner_leaves_focus_where_the_visitor_already_put_it', async () => {
  // Kite is slow to arrive here, and the visitor has started typing in the page's search box.
  servers.kite.slow.set('kite_core_bg.wasm', 1500);
  servers.pages.set('/a/search.html', testPage({ extra: '<form role="search"><label>Search <input id="search" type="search"></label></form>' }));
  const browser = await launch();
  const page = await browser.page();
  await page.goto(servers.site + '/a/search.html', { waitUntil: 'domcontentloaded' });
  await page.locator('#search').focus();
  await page.keyboard.type('term dates');
  await banner(page).waitFor();
  await kiteReady(page);
  await settle(page, 500);
  servers.kite.slow.clear();
  assert.equal(await focused(page), 'search', 'focus stayed in the search box');
  assert.equal(await page.locator('#search').inputValue(), 'term dates');
  await tabTo(page, 'reject'); // and the banner is still reachable by keyboard
  await browser.close();
});

test('the_three_first_layer_choices_are_equally_prominent', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    const browser = await launch();
    const page = await visit(browser, servers.site + '/', viewport);
    const buttons = banner(page).locator('.kite-actions button');
    assert.deepEqual(await buttons.evaluateAll((b) => b.map((x) => x.dataset.action)), ['accept', 'reject', 'choose'], 'order');
    const looks = await buttons.evaluateAll((list) => list.map((b) => {
      const s = getComputedStyle(b);
      const r = b.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height),
        style: [s.fontSize, s.fontWeight, s.fontFamily, s.color, s.backgroundColor, s.borderTopWidth, s.borderTopColor, s.borderRadius, s.paddingTop, s.textDecorationLine].join('|') };
    }));
    for (const look of looks.slice(1)) {
      assert.ok(Math.abs(look.width - looks[0].width) <= 1 && Math.abs(look.height - looks[0].height) <= 1, `${viewport.width}px: same size ${JSON.stringify(looks)}`);
      assert.equal(look.style, looks[0].style, `${viewport.width}px: same style`);
    }
    assert.ok(looks[0].height >= 44, 'big enough to tap');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${viewport.width}px: no sideways scrolling`);
    await page.screenshot({ path: screenshotPath(`banner-${viewport.width}px`) });
    await browser.close();
  }
});

test('the_banner_does_not_shift_the_page_layout', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.addInitScript(() => {
    window.shifts = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(servers.site + '/news.html');
  await banner(page).waitFor();
  await settle(page, 500);
  await banner(page).locator('[data-action="reject"]').click();
  await settingsButton(page).waitFor();
  await settle(page, 300);
  assert.equal(await page.evaluate(() => window.shifts), 0, 'cumulative layout shift');
  await browser.close();
});

test('child_and_welsh_banners_pass_axe_core_and_are_saved_for_review', async () => {
  const browser = await launch();
  const child = '/t/child.html';
  servers.pages.set(child, testPage({ config: { ...demoConfig(), audience: 'primary' } }));
  let page = await visit(browser, servers.site + child);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: screenshotPath('banner-child-under-6') });
  await page.evaluate(() => window.kite.consent.show());
  await preferences(page).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: screenshotPath('preferences-child') });
  page = await visit(browser, servers.site + '/cy/');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: screenshotPath('banner-welsh') });
  await browser.close();
});
