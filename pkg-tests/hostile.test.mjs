// Hostile and broken pages, against the packed package in Chromium: a page that changes the
// DOM's own methods before Kite runs, Kite on a page twice, storage the browser will not give,
// and a config file that is missing, empty or not JSON. In every case nothing marked runs
// before a choice and nothing Kite does throws into the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, banner, preferences, hits, settle, testPage, demoConfig, kiteReady, closeBrowsers, screenshotPath } from './helpers.mjs';

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

let n = 0;
function page(options) {
  const path = `/h/${++n}.html`;
  servers.pages.set(path, testPage(options));
  return servers.site + path;
}

/** The page's errors that are not Kite's console messages about the config. */
const thrown = (browser) => browser.errors.filter((e) => !e.includes('console: Kite:'));

test('a_page_that_changes_the_doms_methods_before_kite_still_runs_nothing_marked_before_a_choice', async () => {
  // The page's own script, before Kite's stub: every script it creates is made to run, type
  // changes to scripts are ignored, and setAttribute refuses "type" and "data-kite".
  const hostile = `<script nonce="%NONCE%">
    const create = Document.prototype.createElement;
    document.createElement = function (name, o) { const el = create.call(this, name, o); if (String(name).toLowerCase() === 'script') el.setAttribute('data-made-by', 'page'); return el; };
    const set = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (name, value) { if (/^(type|data-kite)$/i.test(name)) return; return set.call(this, name, value); };
    const type = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'type');
    Object.defineProperty(HTMLScriptElement.prototype, 'type', { get() { return type.get.call(this); }, set(v) { type.set.call(this, 'text/javascript'); }, configurable: true });
  </script>`;
  const html = testPage().replace('<script src="/kite/kite-stub.js"', `${hostile}\n<script src="/kite/kite-stub.js"`);
  servers.pages.set('/h/hostile.html', html);
  servers.requests.length = 0;
  const browser = await launch();
  const tab = await browser.page();
  await tab.goto(servers.site + '/h/hostile.html');
  await banner(tab).waitFor();
  assert.equal(await tab.evaluate(() => document.createElement('script').getAttribute('data-made-by')), 'page', "the page's createElement is in force");
  assert.equal(await tab.evaluate(() => { const s = document.createElement('script'); s.type = 'text/plain'; return s.type; }), 'text/javascript', 'and its type setter');
  await settle(tab, 800);
  assert.equal(hits(servers), 0, 'nothing marked ran before a choice');
  assert.equal(await tab.evaluate(() => window.inlineRan), undefined);
  await banner(tab).locator('[data-action="reject"]').click();
  await banner(tab).waitFor({ state: 'detached' });
  await tab.reload();
  await kiteReady(tab);
  await settle(tab, 800);
  assert.equal(hits(servers), 0, 'nor after "Reject" and a reload');
  assert.deepEqual(thrown(browser), []);
  await browser.close();
});

test('kite_twice_on_a_page_shows_one_banner_and_releases_each_tracker_once', async () => {
  // A CMS that adds the snippet twice, the second time with a version in the address (as
  // WordPress does), so the browser loads kite.js as two different modules.
  const twice = `<script src="/kite/kite-stub.js?ver=2" nonce="%NONCE%"></script>
<script type="module" src="/kite/kite.js?ver=2" nonce="%NONCE%"></script>`;
  servers.requests.length = 0;
  const browser = await launch();
  const tab = await browser.page();
  await tab.goto(page({ head: twice }));
  await banner(tab).waitFor();
  await settle(tab, 800);
  assert.equal(await tab.locator('kite-root').count(), 1, 'one Kite on the page');
  assert.equal(await banner(tab).count(), 1, 'one banner');
  assert.equal(hits(servers), 0);
  await banner(tab).locator('[data-action="accept"]').click();
  await tab.waitForFunction(() => window.inlineRan === true);
  await settle(tab, 800);
  assert.equal(hits(servers, '/tag.js'), 1, 'each tracker runs once');
  assert.equal(hits(servers, '/ads.js'), 1);
  assert.deepEqual(thrown(browser), []);
  await browser.close();
});

test('with_storage_blocked_the_banner_works_and_the_choice_lasts_for_the_page', async () => {
  // As Chromium does when a visitor blocks cookies for a site: document.cookie keeps nothing,
  // and localStorage and sessionStorage throw SecurityError.
  const browser = await launch();
  const tab = await browser.page();
  await tab.addInitScript(() => {
    Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {}, configurable: true });
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, { get() { throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError'); }, configurable: true });
    }
  });
  servers.requests.length = 0;
  await tab.goto(page());
  await banner(tab).waitFor();
  assert.equal(await tab.evaluate(() => { try { return localStorage.length; } catch (e) { return e.name; } }), 'SecurityError', 'storage is blocked');
  assert.equal(hits(servers), 0);
  await banner(tab).locator('[data-action="accept"]').click();
  await tab.waitForFunction(() => window.inlineRan === true);
  assert.equal(await tab.evaluate(() => window.kite.consent.get().purposes.analytics), true, 'the choice holds for the page');
  const fetched = hits(servers, '/tag.js');
  assert.equal(fetched, 1);
  await tab.reload();
  await banner(tab).waitFor();
  assert.equal(await tab.evaluate(() => window.kite.consent.get().decided), false, 'with nowhere to keep it, the next page asks again');
  await settle(tab, 800);
  assert.equal(hits(servers, '/tag.js'), fetched, 'and runs nothing until then');
  assert.deepEqual(thrown(browser), []);
  await browser.close();
});

for (const [name, body, why] of [
  ['missing', null, /HTTP 404/],
  ['empty', '', /empty|not valid JSON/],
  ['not-json', '<html>Oops</html>', /not valid JSON/],
]) {
  test(`a_config_file_that_is_${name.replace('-', '_')}_gets_the_safe_defaults_and_a_console_error`, async () => {
    if (body !== null) servers.pages.set(`/h/${name}.json`, body);
    const html = testPage().replace(/<script type="application\/json" id="kite-config">[^]*?<\/script>\n/, '')
      .replace('<script type="module" src="/kite/kite.js"', `<script type="module" src="/kite/kite.js" data-config="/h/${name}.json"`);
    servers.pages.set(`/h/config-${name}.html`, html);
    servers.requests.length = 0;
    const browser = await launch();
    const tab = await browser.page();
    await tab.goto(`${servers.site}/h/config-${name}.html`);
    await banner(tab).waitFor();
    assert.match(await banner(tab).innerText(), /just uses what it needs/, 'the safe defaults: the visitor is treated as a child');
    const errors = await tab.evaluate(() => window.kite.errors);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].message, why);
    assert.ok(browser.errors.some((e) => e.includes(`/h/${name}.json`)), `the console names the file:\n${browser.errors.join('\n')}`);
    await banner(tab).locator('[data-action="ok"]').click();
    await settle(tab, 800);
    assert.equal(hits(servers), 0, 'nothing marked runs');
    await browser.close();
  });
}

test('config_words_that_look_like_markup_are_shown_as_words_and_never_run', async () => {
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  const config = demoConfig();
  config.purposes.find((p) => p.name === 'analytics').services[0].label = `Stats ${evil}`;
  config.purposes.find((p) => p.name === 'functional').services[0].label = `Video </title>${evil}`;
  config.text = { 'en-GB': { 'banner.title': `Cookies ${evil}` } };
  config.monitoring = [{ by: 'teacher', what: `work ${evil}` }];
  const browser = await launch();
  const tab = await browser.page();
  // Inline in the page, "<" is written \u003c so the JSON's "</script>" does not end the element.
  await tab.goto(page({ config: JSON.stringify(config).replaceAll('<', '\\u003c') }));
  await banner(tab).waitFor();
  assert.equal(await banner(tab).locator('h2').textContent(), `Cookies ${evil}`, 'the title is the text as written');
  // However long the sign, it never covers the banner's buttons, on a desktop or a phone.
  const sign = tab.locator('kite-root .kite-sign-monitoring');
  await sign.waitFor();
  const apart = (a, b) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  for (const width of [320, 1280]) {
    await tab.setViewportSize({ width, height: 720 });
    await settle(tab, 200);
    for (const button of await banner(tab).locator('button').all()) {
      assert.ok(apart(await sign.boundingBox(), await button.boundingBox()), `at ${width} px the sign covers "${await button.innerText()}"`);
    }
    await tab.screenshot({ path: screenshotPath(`sign-and-banner-${width}`) });
  }
  await banner(tab).locator('[data-action="choose"]').click();
  await preferences(tab).waitFor();
  assert.ok((await preferences(tab).innerText()).includes(`Stats ${evil}`), 'the label is the text as written');
  await settle(tab, 500);
  assert.equal(await tab.evaluate(() => window.pwned), undefined, 'nothing in the config ran');
  // The embed's placeholder is a document of its own (srcdoc, same origin): nothing ran there either.
  const frame = tab.frameLocator('iframe[data-kite]');
  await frame.locator('.kite-placeholder').waitFor();
  assert.ok((await frame.locator('.kite-placeholder').innerText()).includes(`Video </title>${evil}`), 'the label is the text as written');
  assert.equal(await tab.evaluate(() => document.querySelector('iframe[data-kite]').contentWindow.pwned), undefined);
  assert.equal(await tab.evaluate(() => document.querySelector('iframe[data-kite]').contentDocument.querySelectorAll('img[src="x"], script').length), 0);
  assert.equal(await tab.evaluate(() => document.querySelector('kite-root').shadowRoot.querySelectorAll('img[src="x"], script').length), 0, 'no element was made from it');
  await browser.close();
});
