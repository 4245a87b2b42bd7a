// Issue 7: what Kite does beyond the usual consent tool, in real Chromium against the packed
// package. Withdrawal deletes a service's localStorage and sessionStorage keys, IndexedDB
// databases and caches, as it deletes its cookies, and leaves the site's own alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, testPage, demoConfig, kiteReady, closeBrowsers } from './helpers.mjs';

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

/** The demo config with storage declared for the visit counter. */
function withStorage() {
  const config = demoConfig();
  const stats = config.purposes.find((p) => p.name === 'analytics').services.find((s) => s.name === 'stats');
  stats.storage = { localStorage: ['stats_*'], sessionStorage: ['stats_visit'], indexedDB: ['stats-db'], caches: ['stats-v*'] };
  return config;
}

const WRITER = `<script type="text/plain" data-kite="analytics/stats" nonce="%NONCE%">
  localStorage.setItem('stats_id', 'abc'); localStorage.setItem('stats_pages', '3');
  sessionStorage.setItem('stats_visit', '1');
  const open = indexedDB.open('stats-db');
  open.onsuccess = () => { open.result.close(); window.dbWritten = true; };
  caches.open('stats-v1').then(() => { window.cacheWritten = true; });
</script>
<script nonce="%NONCE%">localStorage.setItem('school_theme', 'dark'); indexedDB.open('school-db').onsuccess = (e) => e.target.result.close();</script>`;

const kept = (p) => p.evaluate(async () => ({
  local: Object.keys(localStorage).sort(),
  session: Object.keys(sessionStorage).filter((k) => !k.startsWith('kite_')).sort(),
  databases: (await indexedDB.databases()).map((d) => d.name).sort(),
  caches: (await caches.keys()).sort(),
}));

test('withdrawing_consent_deletes_the_services_storage_of_every_kind_and_keeps_the_sites_own', async () => {
  const browser = await launch();
  servers.pages.set('/c/storage.html', testPage({ config: withStorage(), extra: WRITER }));
  const p = await browser.page();
  await p.goto(`${servers.site}/c/storage.html`);
  await kiteReady(p);
  await p.evaluate(() => window.kite.consent.set('all'));
  await p.waitForFunction(() => window.dbWritten && window.cacheWritten);
  assert.deepEqual(await kept(p), { local: ['school_theme', 'stats_id', 'stats_pages'], session: ['stats_visit'], databases: ['school-db', 'stats-db'], caches: ['stats-v1'] });

  const reloaded = p.waitForEvent('load');
  await p.evaluate(() => window.kite.consent.set({ analytics: false }));
  await reloaded; // the visit counter had run, so withdrawal reloads the page
  await kiteReady(p);
  await p.waitForFunction(async () => !(await caches.keys()).length && !(await indexedDB.databases()).some((d) => d.name === 'stats-db'));
  assert.deepEqual(await kept(p), { local: ['school_theme'], session: [], databases: ['school-db'], caches: [] });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
