// Issue 7: what Kite does beyond the usual consent tool, in real Chromium against the packed
// package. Withdrawal deletes a service's localStorage and sessionStorage keys, IndexedDB
// databases and caches, as it deletes its cookies, and leaves the site's own alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, testPage, demoConfig, kiteReady, closeBrowsers, installPackage } from './helpers.mjs';

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
  local: Object.keys(localStorage).filter((k) => !k.startsWith('kite_')).sort(),
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

test('a_service_allowed_while_the_storage_room_loads_keeps_its_database_and_cache', async () => {
  // The page starts with nothing allowed, so Kite asks for the storage room to clean up; the
  // visitor allows everything before it arrives (the server holds it back 2 s). What the
  // service then stores is the visitor's to keep: the room must not act on the old choice.
  const rooms = JSON.parse(fs.readFileSync(path.join(installPackage(), 'pkg', 'rooms.json'), 'utf8'));
  const file = rooms.storage[0];
  servers.kite.slow.set(file, 2000);
  try {
    const browser = await launch();
    servers.pages.set('/c/storage-late.html', testPage({ config: withStorage(), extra: WRITER }));
    const p = await browser.page();
    const arrived = p.waitForResponse((r) => r.url().endsWith(`/${file}`), { timeout: 20000 });
    await p.goto(`${servers.site}/c/storage-late.html`);
    await kiteReady(p);
    await p.evaluate(() => window.kite.consent.set('all'));
    await p.waitForFunction(() => window.dbWritten && window.cacheWritten);
    await arrived;
    await p.waitForTimeout(500); // the room has run what waited for it
    assert.deepEqual(await kept(p), { local: ['school_theme', 'stats_id', 'stats_pages'], session: ['stats_visit'], databases: ['school-db', 'stats-db'], caches: ['stats-v1'] });
    assert.deepEqual(browser.errors, []);
    await browser.close();
  } finally {
    servers.kite.slow.clear();
  }
});

const DEVICES = { permissions: ['geolocation'], geolocation: { latitude: 54.97, longitude: -2.1 } };
const banner = (p) => p.locator('kite-root .kite-banner [role="dialog"]');
const notice = (p) => p.locator('kite-root .kite-notice [role="dialog"]');

test('on_a_shared_computer_choices_last_for_the_session_and_logout_starts_the_next_pupil_clean', async () => {
  const browser = await launch(DEVICES);
  servers.pages.set('/c/shared.html', testPage({ config: withStorage(), extra: WRITER }));
  const p = await browser.page();
  await p.goto(`${servers.site}/c/shared.html`);
  await kiteReady(p);
  // Log-in on a school computer: the dashboard says the device is shared.
  await p.evaluate(() => { window.kite.sharedDevice(); window.kite.consent.set('all'); });
  await p.waitForFunction(() => window.dbWritten && window.cacheWritten);
  const record = (await browser.context.cookies()).find((c) => c.name === 'kite_consent');
  assert.equal(record.expires, -1, 'the choice is a session cookie on a shared device');
  await p.evaluate(() => { window.positions = 0; window.walk = navigator.geolocation.watchPosition(() => { window.positions += 1; }); });
  await notice(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => window.positions > 0);
  await p.evaluate(() => window.kite.monitoring.set([{ by: 'teacher', what: 'work' }]));
  await p.locator('.kite-sign-monitoring').waitFor();
  assert.equal(await p.locator('.kite-sign-location').count(), 1);

  // Log-out: the visit counter had run, so Kite reloads the page.
  const reloaded = p.waitForEvent('load');
  await p.evaluate(() => window.kite.logout());
  await reloaded;
  await kiteReady(p);
  await banner(p).waitFor();
  const names = (await browser.context.cookies()).map((c) => c.name);
  assert.ok(!names.includes('kite_consent'), `the choice is gone: ${names}`);
  await p.waitForFunction(async () => !(await caches.keys()).length && !Object.keys(localStorage).some((k) => k.startsWith('stats_')));
  assert.deepEqual(await kept(p), { local: ['school_theme'], session: [], databases: ['school-db'], caches: [] });
  assert.deepEqual(await p.evaluate(() => [sessionStorage.getItem('kite_shared'), sessionStorage.getItem('kite_notices')]), ['1', null],
    'still a shared device; the notices agreed are forgotten');
  assert.equal(await p.locator('.kite-sign-location, .kite-sign-monitoring').count(), 0);
  await p.evaluate(() => navigator.geolocation.getCurrentPosition(() => { window.located = true; }));
  await notice(p).waitFor(); // the next pupil is asked afresh
  assert.equal(await p.evaluate(() => window.located), undefined);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
