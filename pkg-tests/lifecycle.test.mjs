// When Kite asks again, what it honours, and how a page talks to it: real Chromium, the
// packed package, inline configs as a school admin would write them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, banner, preferences, hits, settle, testPage, demoConfig, kiteReady, closeBrowsers } from './helpers.mjs';

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

let n = 0;
function page(options) {
  const path = `/t/${++n}.html`;
  servers.pages.set(path, testPage(options));
  return servers.site + path;
}

async function open(url, browser) {
  const tab = await browser.context.newPage();
  await tab.goto(url);
  await kiteReady(tab);
  return tab;
}

const DAY = 86400;
const record = (ageDays, revision = 1) =>
  `1~${revision}~${Math.floor(Date.now() / 1000) - ageDays * DAY}~v~analytics=1.functional=1.marketing=1.analytics/stats=1.functional/video=1.marketing/ads=1`;
const withCookie = async (browser, value) =>
  browser.context.addCookies([{ name: 'kite_consent', value, url: servers.site }]);

test('a_new_policy_revision_asks_again_and_blocks_until_then', async () => {
  const browser = await launch();
  const one = await open(page({ config: { ...demoConfig(), revision: 1 } }), browser);
  await banner(one).locator('[data-action="accept"]').click();
  await one.waitForFunction(() => window.inlineRan === true && document.cookie.includes('_ads_uid'));
  await settle(one, 500);
  await one.close();
  servers.requests.length = 0;
  const two = await open(page({ config: { ...demoConfig(), revision: 2 } }), browser);
  await banner(two).waitFor();
  await settle(two, 800);
  assert.equal(hits(servers), 0);
  await browser.close();
});

test('a_choice_is_asked_again_after_it_expires', async () => {
  const browser = await launch();
  await withCookie(browser, record(181));
  servers.requests.length = 0;
  const fresh = await open(page(), browser);
  await fresh.waitForFunction(() => window.inlineRan === true);
  assert.equal(await banner(fresh).count(), 0, '181 days old: still valid');
  await withCookie(browser, record(183));
  servers.requests.length = 0;
  const stale = await open(page(), browser);
  await banner(stale).waitFor();
  await settle(stale, 600);
  assert.equal(await stale.evaluate(() => window.inlineRan), undefined);
  assert.equal(hits(servers, '/tag.js'), 0, '183 days old: asked again, nothing ran');
  await browser.close();
});

test('a_corrupted_record_counts_as_no_choice_and_nothing_throws', async () => {
  const browser = await launch();
  for (const junk of ['garbage%25%25', '1~1~notatime~v~analytics=1', '9~1~1~v~analytics=1', '%7B%22analytics%22%3Atrue%7D']) {
    await withCookie(browser, junk);
    servers.requests.length = 0;
    const tab = await open(page(), browser);
    await banner(tab).waitFor();
    await settle(tab, 400);
    assert.equal(hits(servers), 0, junk);
    await tab.close();
  }
  assert.deepEqual(browser.errors.filter((e) => !e.includes('404')), []);
  await browser.close();
});

test('a_choice_made_in_one_tab_applies_in_the_other_open_tabs', async () => {
  const browser = await launch();
  const url = page();
  const first = await open(url, browser);
  const second = await open(url, browser);
  await banner(second).waitFor();
  await banner(first).locator('[data-action="accept"]').click();
  await second.waitForFunction(() => window.inlineRan === true);
  await banner(second).waitFor({ state: 'detached' });
  const reloaded = second.waitForEvent('load');
  await first.evaluate(() => window.kite.consent.set({ analytics: false }));
  await reloaded;
  assert.equal(await second.evaluate(() => document.cookie.includes('_stats_id')), false, 'withdrawal reached the other tab');
  await browser.close();
});

test('a_privacy_signal_only_tightens_the_banner_says_so_and_an_explicit_choice_wins', async () => {
  // A choice made before the browser sent Global Privacy Control no longer counts.
  const browser = await launch();
  let tab = await open(page(), browser);
  await banner(tab).locator('[data-action="accept"]').click();
  // Both trackers have run (the async advert script sets its cookie), so none of their
  // requests is still on its way when the count starts again.
  await tab.waitForFunction(() => window.inlineRan === true && document.cookie.includes('_ads_uid'));
  await settle(tab, 300);
  await browser.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
  servers.requests.length = 0;
  await tab.reload();
  await kiteReady(tab);
  assert.match(await banner(tab).innerText(), /Your browser asked sites not to track you/);
  await settle(tab, 600);
  assert.equal(hits(servers, '/tag.js') + hits(servers, '/ads'), 0, 'nothing optional runs: the signal tightened the old choice');
  const state = await tab.evaluate(() => window.kite.consent.get());
  assert.equal(state.gpc, true);
  assert.equal(state.purposes.analytics, false);
  // An explicit choice made now, with the signal on, wins.
  await tab.evaluate(() => window.kite.consent.show());
  assert.equal(await preferences(tab).locator('#kite-purpose-marketing').isDisabled(), false);
  await preferences(tab).locator('#kite-purpose-marketing').check();
  await preferences(tab).locator('[data-action="save"]').click();
  await tab.waitForFunction(() => window.kite.consent.get().purposes.marketing === true);
  await settle(tab, 600);
  assert.ok(hits(servers, '/ads') >= 1, 'marketing runs because the visitor switched it on');
  await browser.close();

  // Do Not Track is honoured the same way.
  const dnt = await launch();
  await dnt.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true }));
  tab = await open(page(), dnt);
  assert.match(await banner(tab).innerText(), /Your browser asked sites not to track you/);
  assert.equal((await tab.evaluate(() => window.kite.consent.get())).doNotTrack, true);
  await dnt.close();
});

test('under_thirteens_are_told_not_asked_and_only_a_guardian_can_switch_things_on', async () => {
  const browser = await launch();
  servers.requests.length = 0;
  const tab = await open(page({ config: { ...demoConfig(), audience: 'primary' } }), browser);
  const text = await banner(tab).innerText();
  assert.match(text, /just uses what it needs/);
  assert.equal(await banner(tab).locator('[data-action="accept"]').count(), 0, 'no accept button for a child');
  await banner(tab).locator('[data-action="ok"]').click();
  await banner(tab).waitFor({ state: 'detached' });
  const refused = await tab.evaluate(() => window.kite.consent.set({ analytics: true }));
  assert.match(refused.error, /parent or carer/);
  assert.equal(refused.purposes.analytics, false);
  await settle(tab, 400);
  assert.equal(hits(servers), 0);
  const granted = await tab.evaluate(() => window.kite.consent.set({ analytics: true }, { by: 'guardian' }));
  assert.equal(granted.by, 'guardian');
  await tab.waitForFunction(() => window.inlineRan === true);
  await browser.close();
});

test('a_broken_config_names_each_field_and_kite_still_blocks', async () => {
  const browser = await launch();
  const config = { revison: 2, audience: 'sixth-form', purposes: [{ name: 'analytics', servces: [{ name: 'stats' }] }, { name: 'marketing', services: [{ name: 'ads', cookies: '_ads_uid' }] }] };
  servers.requests.length = 0;
  const tab = await open(page({ config }), browser);
  const errors = await tab.evaluate(() => window.kite.errors);
  const paths = errors.map((e) => e.path);
  assert.ok(paths.includes('revison') && paths.includes('purposes[0].servces') && paths.includes('purposes[1].services[0].cookies'), JSON.stringify(errors));
  assert.match(errors.find((e) => e.path === 'revison').message, /Did you mean "revision"/);
  const logged = browser.errors.join('\n');
  assert.match(logged, /purposes\[0\]\.servces/, 'the console names the field');
  assert.match(logged, /data-kite="analytics\/stats" names a service that purpose "analytics" lacks/, 'and the markup');
  await banner(tab).locator('[data-action="accept"]').click();
  await settle(tab, 800);
  assert.equal(hits(servers, '/tag.js'), 0, 'markup naming a service the config lacks stays blocked');
  assert.equal(hits(servers, '/ads.js'), 1, 'valid parts still work');
  await browser.close();
});

test('invalid_json_gets_an_error_and_the_safe_defaults', async () => {
  const browser = await launch();
  servers.requests.length = 0;
  const tab = await open(page({ config: '{ "revision": 1, }' }), browser);
  const errors = await tab.evaluate(() => window.kite.errors);
  assert.equal(errors[0].path, '#kite-config');
  assert.match(errors[0].message, /not valid JSON/);
  assert.match(await banner(tab).innerText(), /just uses what it needs/, 'safe defaults: the visitor is treated as a child');
  await banner(tab).locator('[data-action="ok"]').click();
  await settle(tab, 600);
  assert.equal(hits(servers), 0);
  await browser.close();
});

test('a_config_nested_without_end_gets_an_error_and_kite_stays_on_the_page', async () => {
  // JSON nested 100,000 deep, and a dashboard's config object (and monitoring list) that
  // refer to themselves: each is refused with a message, and Kite keeps working.
  const browser = await launch();
  servers.requests.length = 0;
  const deep = await open(page({ config: `{ "revision": 1, "purposes": ${'['.repeat(100000)}${']'.repeat(100000)} }` }), browser);
  const errors = await deep.evaluate(() => window.kite.errors);
  assert.equal(errors[0].path, '#kite-config');
  assert.match(errors[0].message, /nests deeper than 32 levels/);
  assert.doesNotMatch(errors[0].message, /not valid JSON|missing comma/, 'it is valid JSON; the message says what is wrong with it');
  assert.match(await banner(deep).innerText(), /just uses what it needs/, 'the safe defaults');
  await banner(deep).locator('[data-action="ok"]').click();
  await settle(deep, 600);
  assert.equal(hits(servers), 0);

  const path = '/t/itself.html';
  servers.pages.set(path, `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Pupil dashboard</title>
<script type="importmap" nonce="%NONCE%">{ "imports": { "kite-privacy": "/kite/kite.js" } }</script>
<script type="module" nonce="%NONCE%">
  import { init } from 'kite-privacy';
  const config = { revision: 1 };
  config.purposes = [config];
  const kite = await init(config);
  const list = [{ by: 'teacher', what: 'work' }];
  list[0].what = list;
  window.dashboard = { errors: kite.errors, monitoring: await kite.monitoring.set(list) };
</script></head><body><main><h1>My work</h1></main></body></html>`);
  const tab = await browser.page();
  await tab.goto(servers.site + path);
  await tab.waitForFunction(() => window.dashboard);
  const result = await tab.evaluate(() => window.dashboard);
  assert.equal(result.errors[0].path, 'config');
  assert.match(result.errors[0].message, /does it refer to itself\?/);
  assert.equal(result.monitoring[0].path, 'monitoring');
  assert.match(result.monitoring[0].message, /does it refer to itself\?.*nothing changed/);
  await tab.evaluate(() => window.kite.consent.set('all'));
  assert.equal(await tab.evaluate(() => window.kite.consent.get().purposes.analytics), false, 'Kite still answers, with the safe defaults (a child: nothing optional)');
  await browser.close();
});

test('a_web_address_with_an_accented_letter_is_a_config_mistake_not_the_end_of_kite', async () => {
  // "http:/é" once sliced text inside a character and trapped the WebAssembly: no banner,
  // on every page, until the config was fixed.
  const browser = await launch();
  servers.requests.length = 0;
  const tab = await open(page({ config: JSON.stringify({ revision: 1, privacyNotice: { url: 'http:/é' }, receipts: { endpoint: 'https:ü' }, rights: { url: 'htt✓' } }) }), browser);
  const errors = await tab.evaluate(() => window.kite.errors);
  assert.deepEqual(errors.map((e) => e.path), ['privacyNotice.url', 'receipts.endpoint', 'rights.url']);
  assert.match(errors[0].message, /"http:\/é" is not a web address.*https:\/\//);
  await banner(tab).locator('[data-action="ok"]').click();
  await settle(tab, 600);
  assert.equal(hits(servers), 0);
  // The console has the three config mistakes (and the page's marks of services this config
  // lacks), and nothing else: no trap, no page error.
  assert.equal(browser.errors.filter((e) => /console: Kite: config /.test(e)).length, 3, browser.errors.join('\n'));
  assert.deepEqual(browser.errors.filter((e) => !/console: Kite: (config |data-kite=)/.test(e)), []);
  await browser.close();
});

test('a_huge_config_value_is_quoted_short_in_its_message', async () => {
  // A 200,000-character address (an emoji repeated): the message names the field and quotes
  // only the start, and the safe defaults hold.
  const browser = await launch();
  servers.requests.length = 0;
  const tab = await open(page({ config: JSON.stringify({ revision: 1, privacyNotice: { url: '🙂'.repeat(100000) } }) }), browser);
  const [error] = await tab.evaluate(() => window.kite.errors);
  assert.equal(error.path, 'privacyNotice.url');
  assert.ok(error.message.length < 600, `${error.message.length} characters`);
  assert.ok(error.message.startsWith(`"${'🙂'.repeat(60)}…" is not a web address`), error.message.slice(0, 200));
  assert.ok(browser.errors.every((e) => e.length < 1200), 'the console line is short too');
  await banner(tab).locator('[data-action="ok"]').click();
  await settle(tab, 400);
  assert.equal(hits(servers), 0);
  await browser.close();
});

test('wrong_arguments_to_the_api_never_throw_into_the_page', async () => {
  const browser = await launch();
  const tab = await open(page({}), browser);
  const results = await tab.evaluate(async () => {
    const out = {};
    for (const [name, call] of Object.entries({
      noticeNull: () => window.kite.notice.show(null), noticeObject: () => window.kite.notice.show({}), noticeEmoji: () => window.kite.notice.show('😀'.repeat(10000)),
      linkNumber: () => window.kite.links.check(42), reportObject: () => window.kite.report({}), rightsNumber: () => window.kite.rights.open(7),
    })) {
      try { out[name] = { value: await call() }; } catch (e) { out[name] = { threw: String(e) }; }
    }
    return out;
  });
  for (const [name, r] of Object.entries(results)) assert.equal(r.threw, undefined, `${name} threw ${r.threw}`);
  assert.equal(results.noticeNull.value, 'not-now');
  assert.equal(results.noticeObject.value, 'not-now');
  assert.equal(results.noticeEmoji.value, 'not-now');
  assert.equal(results.reportObject.value, null);
  assert.ok(browser.errors.some((e) => /rights\.open: "" is not a route/.test(e)), browser.errors.join('\n'));
  assert.equal(await tab.evaluate(() => window.kite.consent.get().decided), false, 'Kite still answers');
  await browser.close();
});

test('welsh_pages_get_welsh_and_sites_can_reword_any_message', async () => {
  const browser = await launch();
  const cy = await open(page({ lang: 'cy' }), browser);
  const text = await banner(cy).innerText();
  for (const words of ['Cwcis ar y wefan hon', 'Derbyn y cyfan', 'Gwrthod y cyfan', 'Dewis']) assert.ok(text.includes(words), words);
  assert.equal(await cy.locator('kite-root .kite').getAttribute('lang'), 'cy');
  const own = await open(page({ config: { ...demoConfig(), text: { 'en-GB': { 'banner.title': 'Cookies at Oakfield' } } } }), browser);
  assert.match(await banner(own).innerText(), /Cookies at Oakfield/);
  await browser.close();
});

test('google_consent_mode_starts_denied_and_follows_the_choice', async () => {
  const browser = await launch();
  const tab = await open(page(), browser);
  const calls = () => tab.evaluate(() => window.dataLayer.map((a) => Array.from(a)));
  const [first] = await calls();
  assert.equal(first[0], 'consent');
  assert.equal(first[1], 'default');
  for (const s of ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage']) {
    assert.equal(first[2][s], 'denied', s);
  }
  await banner(tab).locator('[data-action="choose"]').click();
  await preferences(tab).locator('#kite-purpose-analytics').click();
  await preferences(tab).locator('[data-action="save"]').click();
  const last = (await calls()).at(-1);
  assert.deepEqual([last[0], last[1]], ['consent', 'update']);
  assert.equal(last[2].analytics_storage, 'granted');
  assert.equal(last[2].ad_storage, 'denied');
  await browser.close();
});

test('the_api_reports_every_change_and_calls_made_before_kite_loaded_are_kept', async () => {
  const browser = await launch();
  const early = `<script nonce="%NONCE%">
    window.early = window.kite.consent.get();
    document.addEventListener('kite:consent', (e) => (window.events = (window.events || []).concat([e.detail])));
  </script>`;
  const tab = await open(page({ head: early, config: { ...demoConfig(), reloadOnWithdraw: false } }), browser);
  const before = await tab.evaluate(() => window.early);
  assert.equal(before.decided, false, 'a call queued in <head> resolved once Kite was ready');
  await tab.evaluate(() => { window.changes = 0; window.stop = window.kite.consent.onChange(() => window.changes++); });
  const state = await tab.evaluate(() => window.kite.consent.set('all'));
  assert.equal(state.purposes.analytics && state.purposes.marketing, true);
  await tab.waitForFunction(() => document.cookie.includes('_stats_id'));
  await tab.evaluate(() => window.kite.consent.set({ 'analytics/stats': false }));
  assert.equal(await tab.evaluate(() => document.cookie.includes('_stats_id')), false, 'withdrawn without a reload: cookies still deleted');
  await tab.evaluate(() => window.stop());
  await tab.evaluate(() => window.kite.consent.set('none'));
  assert.equal(await tab.evaluate(() => window.changes), 2, 'onChange saw two changes, then unsubscribed');
  assert.equal(await tab.evaluate(() => window.events.length), 3, 'a kite:consent event for every change');
  await tab.evaluate(() => window.kite.consent.reset());
  await banner(tab).waitFor();
  await tab.evaluate(() => window.kite.consent.show());
  await preferences(tab).waitFor();
  const bad = await tab.evaluate(() => window.kite.consent.set({ analytcs: true }));
  assert.match(bad.error, /analytcs/);
  assert.deepEqual(browser.errors.filter((e) => !e.includes('404') && !e.includes('consent.set')), []);
  await browser.close();
});

test('a_dashboard_imports_the_package_and_starts_kite_with_a_config_object', async () => {
  const browser = await launch();
  const path = '/t/dashboard.html';
  servers.pages.set(path, `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Pupil dashboard</title>
<script type="importmap" nonce="%NONCE%">{ "imports": { "kite-privacy": "/kite/kite.js" } }</script>
<script type="text/plain" data-kite="analytics" nonce="%NONCE%">window.analyticsRan = true;</script>
<script type="module" nonce="%NONCE%">
  import { init } from 'kite-privacy';
  const kite = await init({ audience: { minAge: 9 }, purposes: [{ name: 'analytics' }] });
  const again = await init({ revision: 99 });
  window.dashboard = { same: kite.consent.get().revision === again.consent.get().revision, errors: kite.errors.length, version: kite.version };
</script></head><body><main><h1>My work</h1></main></body></html>`);
  const tab = await browser.page();
  await tab.goto(servers.site + path);
  await tab.waitForFunction(() => window.dashboard);
  const result = await tab.evaluate(() => window.dashboard);
  assert.deepEqual(result, { same: true, errors: 0, version: '0.1.0' }, 'init runs once per page; later calls return the same Kite');
  assert.match(await banner(tab).innerText(), /grown-up can change this/, 'a nine-year-old gets the child notice');
  await tab.evaluate(() => window.kite.consent.set({ analytics: true }, { by: 'guardian' }));
  await tab.waitForFunction(() => window.analyticsRan === true);
  await browser.close();
});
