// Consent that really blocks trackers: what a visitor to the demo school site sees and
// what reaches the tracker origin, in real Chromium, against the packed package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, banner, preferences, settingsButton, hits, settle, cookieNames, kiteReady, closeBrowsers } from './helpers.mjs';

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

async function visit(path = '/') {
  const browser = await launch();
  const page = await browser.page();
  servers.requests.length = 0;
  await page.goto(servers.site + path);
  await banner(page).waitFor();
  return { browser, page };
}

test('tracker_never_loads_before_a_choice', async () => {
  const { browser, page } = await visit('/open-evening.html');
  await settle(page, 1000);
  assert.equal(hits(servers), 0, 'no request reached the tracker origin');
  assert.equal(await page.locator('iframe[data-kite]').getAttribute('src'), null, 'the video embed has not loaded');
  assert.deepEqual((await cookieNames(browser.context)).filter((n) => !n.startsWith('kite')), []);
  assert.deepEqual(browser.errors.filter((e) => !e.includes('404')), []);
  await browser.close();
});

test('rejecting_keeps_every_tracker_out_and_is_remembered', async () => {
  const { browser, page } = await visit();
  await banner(page).locator('[data-action="reject"]').click();
  await banner(page).waitFor({ state: 'detached' });
  await settle(page, 600);
  await page.goto(servers.site + '/news.html');
  await settingsButton(page).waitFor();
  await settle(page, 600);
  assert.equal(await banner(page).count(), 0, 'not asked again');
  assert.equal(hits(servers), 0);
  await browser.close();
});

test('accepting_runs_the_trackers_without_a_reload_in_document_order_with_their_attributes', async () => {
  const { browser, page } = await visit('/open-evening.html');
  await page.evaluate(() => { window.notReloaded = true; });
  await banner(page).locator('[data-action="accept"]').click();
  await page.waitForFunction(() => typeof window.stats === 'function');
  await settle(page, 800);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload');
  assert.ok(hits(servers, '/tag.js') === 1 && hits(servers, '/ads.js') === 1, 'both tags loaded once');
  const collects = servers.requests.filter((r) => r.path === '/collect').map((r) => new URLSearchParams(r.query).get('e'));
  assert.deepEqual(collects, ['load', 'pageview'], 'the inline script ran after the external tag it depends on');
  const live = await page.evaluate(() => {
    const s = [...document.scripts].find((x) => x.src.endsWith('/tag.js') && !x.type);
    return { integrity: s.integrity, crossorigin: s.getAttribute('crossorigin'), asyncAds: [...document.scripts].find((x) => x.src.endsWith('/ads.js') && !x.type).async };
  });
  assert.match(live.integrity, /^sha384-/, 'integrity kept');
  assert.equal(live.crossorigin, 'anonymous');
  assert.equal(live.asyncAds, true, 'async kept');
  assert.equal(hits(servers, '/embed/'), 1, 'the embed loaded');
  assert.ok((await cookieNames(browser.context)).includes('_stats_id'));
  await browser.close();
});

test('withdrawing_deletes_the_cookies_reloads_and_nothing_reaches_the_tracker_after', async () => {
  const { browser, page } = await visit();
  await banner(page).locator('[data-action="accept"]').click();
  await page.waitForFunction(() => document.cookie.includes('_stats_id') && document.cookie.includes('_ads_uid'));
  await settle(page, 500);
  assert.ok(hits(servers) > 0);
  await settingsButton(page).click();
  const dialog = preferences(page);
  await dialog.waitFor();
  await dialog.locator('#kite-purpose-analytics').click();
  await dialog.locator('#kite-purpose-marketing').click();
  const reloaded = page.waitForEvent('load');
  await dialog.locator('[data-action="save"]').click();
  await reloaded;
  servers.requests.length = 0;
  await settingsButton(page).waitFor();
  await settle(page, 1000);
  assert.equal(hits(servers), 0, 'nothing after the withdrawal and reload');
  const names = await cookieNames(browser.context);
  assert.ok(!names.includes('_stats_id') && !names.includes('_stats_session') && !names.includes('_ads_uid'), `cookies deleted: ${names}`);
  assert.equal(await page.evaluate(() => window.kite.consent.get().purposes.functional), true, 'the rest of the choice stands');
  await browser.close();
});

test('marked_elements_added_after_load_are_gated_too', async () => {
  const { browser, page } = await visit();
  const add = () => page.evaluate(() => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.dataset.kite = 'analytics';
    s.textContent = 'window.lateRan = (window.lateRan || 0) + 1;';
    document.body.append(s);
  });
  await add();
  await settle(page);
  assert.equal(await page.evaluate(() => window.lateRan), undefined, 'blocked before a choice');
  await banner(page).locator('[data-action="accept"]').click();
  await page.waitForFunction(() => window.lateRan === 1);
  await add();
  await page.waitForFunction(() => window.lateRan === 2);
  await browser.close();
});

test('escape_and_the_close_button_mean_reject_and_are_remembered', async () => {
  for (const how of ['escape', 'close']) {
    const { browser, page } = await visit();
    if (how === 'escape') await page.keyboard.press('Escape');
    else await banner(page).locator('[data-action="close"]').click();
    await banner(page).waitFor({ state: 'detached' });
    const state = await page.evaluate(() => window.kite.consent.get());
    assert.equal(state.decided, true, how);
    assert.ok(Object.entries(state.purposes).every(([name, on]) => on === (name === 'necessary')), `${how}: everything optional off`);
    await page.reload();
    await kiteReady(page);
    await settle(page, 500);
    assert.equal(await banner(page).count(), 0, `${how}: remembered`);
    assert.equal(hits(servers), 0);
    await browser.close();
  }
});

test('a_single_service_can_be_chosen_in_the_preferences_dialog', async () => {
  const { browser, page } = await visit('/open-evening.html');
  await banner(page).locator('[data-action="choose"]').click();
  const dialog = preferences(page);
  await dialog.waitFor();
  for (const id of ['analytics', 'functional', 'marketing']) {
    assert.equal(await dialog.locator(`#kite-purpose-${id}`).isChecked(), false, `${id} not pre-ticked`);
  }
  assert.equal(await dialog.locator('#kite-purpose-necessary').isChecked(), true);
  assert.equal(await dialog.locator('#kite-purpose-necessary').isDisabled(), true, 'necessary cannot be switched off');
  assert.match(await dialog.innerText(), /_stats_id, _stats_session/, 'the cookies each service sets are listed');
  await dialog.locator('#kite-service-functional-video').click();
  await dialog.locator('[data-action="save"]').click();
  await page.waitForFunction(() => document.querySelector('iframe[data-kite]').src.includes('/embed/'));
  await settle(page, 600);
  assert.equal(hits(servers, '/tag.js') + hits(servers, '/ads.js'), 0, 'only the chosen service loaded');
  assert.equal(hits(servers, '/embed/'), 1);
  await browser.close();
});
