// The documentation site in www/site/docs, served by the demo with the packed package: each
// page passes axe-core, and the generated pages are generated from what the package ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axe, serve, launch, root, closeBrowsers, screenshotPath, installPackage } from './helpers.mjs';


let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

test('every_docs_page_loads_with_kite_on_it_and_passes_axe', async () => {
  const browser = await launch();
  const page = await browser.page();
  const pages = fs.readdirSync(path.join(root, 'www', 'site', 'docs')).filter((f) => f.endsWith('.html') && f !== 'gallery-frame.html');
  assert.ok(pages.length >= 9, pages.join(' '));
  for (const name of pages) {
    await page.goto(`${servers.site}/docs/${name}`);
    await page.waitForFunction(() => window.kite && !window.kite.q);
    await page.waitForFunction(() => !document.body.textContent.includes('Loading the'));
    if (name === 'childrens-code.html') await page.locator('kite-root .kite-banner [data-action="reject"]').click();
    assert.deepEqual(await axe(page), [], name);
  }
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('the_config_reference_lists_every_field_of_the_shipped_schema', async () => {
  const schema = JSON.parse(fs.readFileSync(path.join(installPackage(), 'pkg', 'kite.schema.json'), 'utf8'));
  const browser = await launch();
  const page = await browser.page();
  await page.goto(`${servers.site}/docs/config.html`);
  await page.locator('table.reference').waitFor();
  const fields = await page.locator('table.reference th[scope=row]').allTextContents();
  for (const name of Object.keys(schema.properties)) assert.ok(fields.includes(name), `${name} is listed`);
  for (const deep of ['purposes[].services[].cookies', 'rights.routes.<see|fix|delete|stop|worry>.email', 'notices.custom.<name>.title', 'monitoring[].by', 'consentMaxAgeDays.accept'])
    assert.ok(fields.includes(deep), `${deep} is listed: ${fields.join(' ')}`);
  const revision = page.locator('table.reference tr', { has: page.locator('th', { hasText: /^revision$/ }) });
  assert.match(await revision.innerText(), /whole number ≥ 1\s+1\s+The privacy policy's revision/);

  await page.goto(`${servers.site}/docs/api.html`);
  await page.locator('#Kite').waitFor();
  const api = await page.locator('#api').innerText();
  for (const member of ['setAge(', 'logout(): void', 'show(name: NoticeName', 'set(list: Monitor[]): Promise<ConfigError[]>', 'onChange(callback'])
    assert.ok(api.includes(member), `the API reference has ${member}`);
  await page.screenshot({ path: screenshotPath('docs-api') });
  await browser.close();
});

test('the_childrens_code_page_is_kites_own_report_and_the_gallery_draws_each_piece_in_welsh', async () => {
  const browser = await launch();
  const page = await browser.page();
  await page.goto(`${servers.site}/docs/childrens-code.html`);
  await page.locator('#report table').first().waitFor();
  const rows = await page.locator('#report table').first().locator('tbody tr').count();
  assert.equal(rows, 15, 'one row per standard');
  assert.match(await page.locator('#report').innerText(), /Carry out, sign off and review the DPIA/);

  // One frame, as the gallery shows it: the photo notice for ages 6 to 9, in Welsh.
  await page.goto(`${servers.site}/docs/gallery-frame.html?piece=notice&band=6-9&lang=cy`);
  const notice = page.locator('kite-root [role="dialog"]');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('lang') ?? await page.getAttribute('html', 'lang'), 'cy');
  assert.match(await notice.innerText(), /llun/i, 'the Welsh words for a photo');
  await page.goto(`${servers.site}/docs/gallery.html?piece=monitoring`);
  const frames = page.locator('#gallery iframe');
  assert.equal(await frames.count(), 12, 'six age bands, in English and Welsh');
  assert.match(await frames.nth(7).getAttribute('title'), /in Welsh/);
  await page.frameLocator('#gallery iframe >> nth=0').locator('kite-root .kite-sign-monitoring').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: screenshotPath('docs-gallery') });
  assert.deepEqual(browser.errors, []);
  await browser.close();
});
