// links.check in real Chromium: the browser's own URL parser resolves each href, and the
// policy core decides. These cases are the ones where a parser could be fooled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, testPage, demoConfig, kiteReady, closeBrowsers } from './helpers.mjs';

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
