// Issue 7: the self-audit in real Chromium against the packed package. On a demo page broken
// on purpose, every kind of finding appears, each naming the element and the fix; on every
// page of the clean demo site, none does. #kite-audit shows the report on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, kiteReady, settle, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

const report = (p) => p.locator('kite-root .kite-audit [role="dialog"]');

test('on_a_page_broken_on_purpose_the_audit_finds_every_kind_of_mistake_and_names_the_fix', async () => {
  const browser = await launch();
  const p = await browser.page();
  await p.goto(`${servers.site}/audit-broken.html#kite-audit`);
  await kiteReady(p);
  await report(p).waitFor({ timeout: 10000 });
  await p.screenshot({ path: screenshotPath('audit-broken') });
  const findings = await p.evaluate(() => window.kite.audit());
  const kinds = [...new Set(findings.map((f) => f.kind))].sort();
  assert.deepEqual(kinds, ['cookie-before-choice', 'csp', 'hidden', 'referrer', 'storage-before-choice', 'unequal-buttons', 'ungated-font', 'ungated-iframe', 'ungated-image', 'ungated-media', 'ungated-script']);
  const about = (kind) => findings.filter((f) => f.kind === kind);
  assert.match(about('ungated-script')[0].element, /^<script src="http:\/\/localhost:\d+\/tag\.js">$/);
  assert.match(about('ungated-script')[0].message, /type="text\/plain" data-kite="purpose\/service"/);
  assert.match(about('ungated-iframe')[0].message, /move src to data-src/);
  assert.equal(about('ungated-image').length, 2, 'the image in the page and the one added later');
  assert.match(about('ungated-font')[0].message, /IP address.*move href to data-href/);
  assert.match(about('ungated-media')[0].element, /trip\.mp4/);
  assert.match(about('ungated-media')[0].message, /move src to data-src/);
  assert.match(about('referrer')[0].element, /bbc\.co\.uk/);
  // _fbp always; the unmarked tag may also have set its own cookies before Kite started.
  assert.ok(about('cookie-before-choice').some((f) => f.element === '_fbp'), JSON.stringify(about('cookie-before-choice')));
  assert.deepEqual(about('storage-before-choice').map((f) => f.element), ['hotjar_user']);
  assert.match(about('hidden')[0].message, /opacity: 0\.05/);
  assert.match(about('unequal-buttons')[0].message, /"accept" and "reject" buttons are no longer equal/);
  assert.match(about('csp')[0].message, /img-src/);
  const lines = await report(p).locator('.kite-lines li').count();
  assert.equal(lines, findings.length, 'the on-screen report lists each finding');
  assert.match(await report(p).textContent(), new RegExp(`${findings.length} things to fix on this page`));
  await browser.close();
});

test('every_page_of_the_clean_demo_site_has_nothing_to_fix', async () => {
  const browser = await launch();
  for (const path of ['/', '/news.html', '/open-evening.html', '/links.html', '/contact.html', '/dashboard.html', '/cy/index.html']) {
    await browser.context.clearCookies();
    const p = await browser.context.newPage();
    await p.goto(servers.site + path);
    await kiteReady(p);
    await settle(p, 600);
    assert.deepEqual(await p.evaluate(() => window.kite.audit()), [], path);
    await p.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await p.close();
  }
  const p = await browser.context.newPage();
  await p.goto(`${servers.site}/#kite-audit`);
  await kiteReady(p);
  await report(p).waitFor({ timeout: 10000 });
  assert.match(await report(p).textContent(), /Nothing to fix on this page\./);
  await p.addScriptTag({ content: axeSource });
  assert.deepEqual(await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id))), []);
  await p.screenshot({ path: screenshotPath('audit-clean') });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
