// Kite under a strict Content-Security-Policy (nonces, no 'unsafe-inline', only
// 'wasm-unsafe-eval'): it loads, styles itself, and carries the page's nonce to the
// scripts it releases, with no violation reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, banner, hits, settle, closeBrowsers } from './helpers.mjs';

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

test('the_nonce_is_carried_to_released_scripts_under_a_strict_csp', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(servers.site + '/?csp=strict');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(response.headers()['content-security-policy'], /unsafe-inline/);
  await banner(page).waitFor();
  const styled = await banner(page).locator('[data-action="accept"]').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(styled, 'rgb(29, 61, 122)', 'Kite styled itself without inline styles');
  await banner(page).locator('[data-action="accept"]').click();
  await page.waitForFunction(() => window.stats !== undefined);
  await settle(page, 600);
  const collects = servers.requests.filter((r) => r.path === '/collect').map((r) => new URLSearchParams(r.query).get('e'));
  assert.deepEqual(collects, ['load', 'pageview'], 'the external tag and the inline script both ran');
  assert.equal(hits(servers, '/ads.js'), 1);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  await browser.close();
});
