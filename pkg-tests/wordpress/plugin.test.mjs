// The WordPress plugin in a real WordPress (Debian's 6.1, PHP 8.2, MariaDB), driven in
// Chromium as a school admin and a visitor would: the admin uploads
// target/kite-privacy-wordpress.zip and activates it; a post with a YouTube embed shows Kite's
// placeholder and nothing reaches YouTube until "Load this once"; a tracker a plugin enqueues
// and the theme's Google Fonts wait for consent; Settings → Kite works by keyboard, passes
// axe-core and refuses a mistake with the checker's words; Tools → Kite report; the blocks;
// uninstalling. The tests run in order, on one WordPress.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, launch, closeBrowsers, screenshotPath, settle, axe } from '../helpers.mjs';
import { startWordPress } from './wordpress.mjs';

const zip = path.join(root, 'target', 'kite-privacy-wordpress.zip');
const VIDEO = 'https://www.youtube.com/watch?v=kite-open-evening';

// YouTube's oEmbed answer, as WordPress would fetch it (this WordPress makes no remote calls).
const OEMBED = `<?php
add_filter('pre_oembed_result', function ($result, $url) {
  if (str_contains($url, 'youtube.com/watch')) {
    return '<iframe title="Oakfield open evening" width="500" height="281" src="https://www.youtube.com/embed/kite-open-evening?feature=oembed" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen></iframe>';
  }
  return $result;
}, 10, 2);
`;

// What a school's theme and a Google Analytics plugin enqueue: Site Kit by Google's gtag
// handle (with its inline set-up) and a Google Fonts stylesheet.
const THEME = `<?php
add_action('wp_enqueue_scripts', function () {
  wp_enqueue_style('school-fonts', 'https://fonts.googleapis.com/css2?family=Lexend&display=swap', [], null);
  wp_enqueue_script('google_gtagjs', 'https://www.googletagmanager.com/gtag/js?id=G-KITETEST', [], null, false);
  wp_add_inline_script('google_gtagjs', 'window.dataLayer = window.dataLayer || []; window.gtagConfigured = true;');
});
`;

let wp;
before(async () => {
  wp = await startWordPress();
  fs.mkdirSync(path.join(wp.site, 'wp-content', 'mu-plugins'), { recursive: true });
  fs.writeFileSync(path.join(wp.site, 'wp-content', 'mu-plugins', 'oembed-offline.php'), OEMBED);
  fs.writeFileSync(path.join(wp.site, 'wp-content', 'mu-plugins', 'school-theme.php'), THEME);
});

async function logIn(page) {
  await page.goto(`${wp.url}/wp-login.php`);
  await page.fill('#user_login', wp.admin.user);
  await page.fill('#user_pass', wp.admin.password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
}

/** A fresh browser with the admin logged in, at the admin screen `screen`. */
async function adminAt(screen) {
  const browser = await launch();
  const page = await browser.page();
  await logIn(page);
  await page.goto(`${wp.url}/wp-admin/${screen}`);
  return { browser, page };
}

/** Saves `config` (or the plugin's defaults changed by `change`) as if the admin had. */
function saveConfig(change) {
  wp.php(`$c = kite_privacy_default_config(); $change = json_decode('${JSON.stringify(change).replace(/[\\']/g, '\\$&')}', true);
    update_option('kite_privacy_config', wp_json_encode(array_merge($c, $change)));`);
}

/** Every request that left for Google's tag or fonts, answered here. */
async function watchGoogle(browser) {
  const seen = [];
  await browser.context.route(/^https:\/\/(www\.googletagmanager\.com|fonts\.googleapis\.com|fonts\.gstatic\.com)\//, (route) => {
    seen.push(route.request().url());
    const css = route.request().url().includes('fonts.googleapis.com');
    route.fulfill({ status: 200, contentType: css ? 'text/css' : 'text/javascript', body: css ? 'body { letter-spacing: 0.01em; }' : 'window.gtagLoaded = true;' });
  });
  return seen;
}
after(async () => { await closeBrowsers(); await wp?.stop(); });

/** Every request that left for YouTube, answered here with a stand-in player. */
async function watchYouTube(browser) {
  const seen = [];
  await browser.context.route(/^https?:\/\/([a-z0-9-]+\.)*(youtube\.com|youtube-nocookie\.com|ytimg\.com)\//, (route) => {
    seen.push(route.request().url());
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Player</title><p>▶ Oakfield open evening</p>' });
  });
  return seen;
}

test('a_school_admin_uploads_the_zip_activates_it_and_a_youtube_embed_waits_for_a_choice', async () => {
  const browser = await launch();
  const seen = await watchYouTube(browser);
  const page = await browser.page();

  // The admin logs in, uploads the plugin's zip and activates it.
  await logIn(page);
  await page.goto(`${wp.url}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('#pluginzip', zip);
  await Promise.all([page.waitForNavigation(), page.click('#install-plugin-submit')]);
  assert.match(await page.textContent('body'), /Plugin installed successfully/);
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Activate Plugin")')]);
  assert.match(await page.textContent('body'), /Plugin activated/);
  assert.match(await page.textContent('.notice-info'), /Kite is on, with safe settings for a primary school/, 'the admin is told to say who the site is for');

  // An editor pastes a YouTube address into a post, as the block editor saves it.
  const id = wp.php(`echo wp_insert_post(['post_title' => 'Our open evening', 'post_status' => 'publish', 'post_content' =>
    '<!-- wp:embed {"url":"${VIDEO}","type":"video","providerNameSlug":"youtube"} --><figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">' . "\\n" . '${VIDEO}' . "\\n" . '</div></figure><!-- /wp:embed -->']);`).trim();

  // A visitor (logged out) reads the post.
  await browser.context.clearCookies();
  await page.goto(`${wp.url}/?p=${id}`);
  await page.waitForFunction(() => window.kite && !window.kite.q);
  const banner = page.locator('kite-root .kite-banner [role="dialog"]');
  await banner.waitFor();
  const frame = page.frameLocator('iframe[data-kite="functional/youtube"]');
  await frame.locator('.kite-placeholder [data-action="once"]').waitFor();
  await settle(page, 800);
  await page.screenshot({ path: screenshotPath('wordpress-post-before-a-choice') });
  assert.deepEqual(seen, [], 'nothing reached YouTube before a choice');

  await frame.locator('.kite-placeholder [data-action="once"]').click();
  for (let i = 0; i < 40 && seen.length === 0; i++) await settle(page, 250);
  assert.ok(seen.some((u) => u.startsWith('https://www.youtube-nocookie.com/embed/kite-open-evening')), `the video loaded, from YouTube's privacy-enhanced address: ${seen}`);
  // The admin screens ask for Gravatar images, which this offline machine cannot reach; the
  // visitor's page must have no errors at all.
  assert.deepEqual(browser.errors.filter((e) => e.startsWith(`${wp.url}/?p=`)), []);
  await browser.close();
});

test('the_settings_screen_is_made_from_the_schema_refuses_a_mistake_with_the_checkers_words_and_saves_a_right_config', async () => {
  const { browser, page } = await adminAt('options-general.php?page=kite-privacy');
  // The screen starts folded: each group opens under its name.
  await page.locator('summary', { hasText: /^Privacy notice$/ }).click();
  const url = page.locator('[data-path="privacyNotice.url"]');
  await url.waitFor();
  // Fields the schema has appear, with its help text: the audience, the rights email.
  assert.equal(await page.locator('[data-path="audience"]').inputValue(), 'primary', 'the safe default: a primary school');
  assert.equal(await page.locator('[data-path="rights.email"]').count(), 1);
  assert.equal(await page.locator('[data-path="audience.minAge"]').isVisible(), false, 'the age range shows only for a custom range');
  assert.ok((await page.evaluate(() => document.documentElement.scrollHeight)) < 3000, 'the screen starts short enough to read');
  const before = wp.php("echo get_option('kite_privacy_config');");

  await url.fill('http:/é');
  await page.click('#submit');
  const mistake = page.locator('.kite-mistake:not([hidden])');
  await mistake.first().waitFor();
  assert.match(await mistake.first().textContent(), /is not a web address Kite can send a child to\. Write a full address starting with https:\/\//);
  assert.equal(await url.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.path), 'privacyNotice.url', 'focus goes to the mistake');
  assert.match(await page.textContent('#kite-settings-status'), /1 thing to fix before saving\. Nothing was saved\./);
  assert.equal(wp.php("echo get_option('kite_privacy_config');"), before, 'a config with a mistake is not saved');
  assert.deepEqual(await axe(page, '#wpbody-content .wrap'), [], 'the screen with a mistake on it passes axe-core');
  await page.screenshot({ path: screenshotPath('wordpress-settings-mistake') });

  await page.locator('summary', { hasText: /^Privacy notice$/ }).click(); // closed again
  assert.equal(await url.isVisible(), false);
  await page.click('#submit'); // the mistake opens its group again
  await url.waitFor();
  await url.fill('/privacy');
  await page.click('#submit');
  await page.locator('#setting-error-settings_updated').waitFor().catch(async () => {
    throw new Error(`not saved: ${await page.textContent('#kite-settings-status').catch(() => '')}`);
  });
  const saved = JSON.parse(wp.php("echo get_option('kite_privacy_config');"));
  assert.equal(saved.privacyNotice.url, '/privacy');
  assert.equal(saved.audience, 'primary');
  await browser.close();
});

test('the_settings_screen_works_by_keyboard_alone_and_passes_axe', async () => {
  const { browser, page } = await adminAt('options-general.php?page=kite-privacy');
  const audience = page.locator('[data-path="audience"]');
  await audience.waitFor();
  const earlier = JSON.parse(wp.php("echo get_option('kite_privacy_config');"));
  assert.deepEqual(await axe(page, '#wpbody-content .wrap'), [], 'Settings → Kite passes axe-core');
  await page.screenshot({ path: screenshotPath('wordpress-settings') });

  // From the top of the page, Tab reaches who the site is for; the keys choose "secondary".
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.path ?? document.activeElement?.textContent?.trim());
  const tabTo = async (want) => {
    for (let i = 0; i < 250; i++) {
      if ((await focused()) === want) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${want}`);
  };
  await tabTo('audience');
  await page.keyboard.press('ArrowDown');
  assert.equal(await audience.inputValue(), 'secondary');
  // A folded group opens with Enter on its name; its field takes typing; Enter saves.
  await tabTo('Privacy notice');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'privacyNotice.url');
  await page.keyboard.type('/about/privacy');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.locator('#setting-error-settings_updated').waitFor();
  const saved = JSON.parse(wp.php("echo get_option('kite_privacy_config');"));
  assert.equal(saved.audience, 'secondary');
  assert.equal(saved.privacyNotice.url, '/about/privacy');
  assert.deepEqual(saved.purposes, earlier.purposes, 'the purposes the form showed are saved as they were');
  await browser.close();
});

test('a_tracker_a_plugin_enqueues_and_google_fonts_wait_for_consent', async () => {
  saveConfig({ audience: 'sixth-form' }); // 16 to 18: a visitor who chooses for themselves
  // A tracker enqueued as a module stays one when Kite releases it.
  assert.equal(wp.php(`echo kite_privacy_gate_script("<script type='module' src='https://t.example/m.js' id='gtag-js'></script>", 'gtag', '');`),
    `<script type="text/plain" data-kite="analytics/ga4" data-type="module" src='https://t.example/m.js' id='gtag-js'></script>`);
  // Reject: nothing from Google, before or after.
  let browser = await launch();
  let seen = await watchGoogle(browser);
  let page = await browser.page();
  await page.goto(`${wp.url}/`);
  await page.waitForFunction(() => window.kite && !window.kite.q);
  const banner = page.locator('kite-root .kite-banner [role="dialog"]');
  await banner.waitFor();
  assert.equal(await page.locator('link[data-kite="functional/fonts"][data-href^="https://fonts.googleapis.com/"]:not([href])').count(), 1, 'the theme\'s font waits, marked');
  assert.equal(await page.locator('script[type="text/plain"][data-kite="analytics/ga4"]').count(), 2, 'the tag and its inline set-up wait, marked');
  await settle(page, 800);
  assert.deepEqual(seen, [], 'nothing reached Google before a choice');
  await banner.locator('[data-action="reject"]').click();
  await settle(page, 800);
  await page.reload();
  await page.waitForFunction(() => window.kite && !window.kite.q);
  await settle(page, 800);
  assert.deepEqual(seen, [], 'nothing reached Google after "Reject all"');
  assert.equal(await page.evaluate(() => window.gtagConfigured), undefined);
  await browser.close();

  // Accept: the tag loads and its set-up runs; the font loads.
  browser = await launch();
  seen = await watchGoogle(browser);
  page = await browser.page();
  await page.goto(`${wp.url}/`);
  await page.locator('kite-root .kite-banner [role="dialog"] [data-action="accept"]').click();
  await page.waitForFunction(() => window.gtagConfigured === true && window.gtagLoaded === true);
  for (let i = 0; i < 40 && !seen.some((u) => u.startsWith('https://fonts.googleapis.com/')); i++) await settle(page, 250);
  assert.ok(seen.some((u) => u.startsWith('https://www.googletagmanager.com/gtag/js?id=G-KITETEST')), `the tag loaded: ${seen}`);
  assert.ok(seen.some((u) => u.startsWith('https://fonts.googleapis.com/css2?family=Lexend')), `the font loaded: ${seen}`);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

test('the_blocks_and_shortcodes_put_kites_buttons_and_sign_on_the_page', async () => {
  saveConfig({ audience: 'primary' });
  const id = wp.php(`echo wp_insert_post(['post_title' => 'Reading log', 'post_status' => 'publish', 'post_content' =>
    '<!-- wp:kite-privacy/monitoring {"by":"teacher","what":"reading log","whatCy":"log darllen"} /--><!-- wp:paragraph --><p>This week: three books.</p><!-- /wp:paragraph --><!-- wp:kite-privacy/rights /--><!-- wp:kite-privacy/consent /-->']);`).trim();
  const classic = wp.php(`echo wp_insert_post(['post_title' => 'Classic page', 'post_type' => 'page', 'post_status' => 'publish', 'post_content' =>
    '<p>Footer:</p>[kite_consent] [kite_rights] [kite_monitoring by="parent" what="progress"]']);`).trim();
  const browser = await launch();
  const page = await browser.page();
  await page.goto(`${wp.url}/?p=${id}`);
  const sign = page.locator('kite-monitoring button');
  await sign.waitFor();
  assert.match(await sign.innerText(), /teacher can see your reading log/i);
  const left = async (locator) => (await locator.boundingBox()).x;
  assert.ok(Math.abs((await left(sign)) - (await left(page.locator('p', { hasText: 'This week: three books.' })))) < 2, 'the sign lines up with the post\'s paragraphs');
  assert.equal(await page.locator('kite-rights button').count(), 1, 'a Your information button');
  assert.equal(await page.locator('kite-consent button').count(), 1, 'a Privacy settings button');
  await page.screenshot({ path: screenshotPath('wordpress-blocks') });
  await page.goto(`${wp.url}/?page_id=${classic}`);
  await page.locator('kite-monitoring button').waitFor();
  assert.match(await page.locator('kite-monitoring button').innerText(), /parent or carer can see your progress/i);
  assert.equal(await page.locator('kite-rights button').count(), 1);
  assert.deepEqual(browser.errors, []);

  // The editor knows the three blocks.
  await logIn(page);
  await page.goto(`${wp.url}/wp-admin/post-new.php`);
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('kite-privacy/monitoring'));
  const names = await page.evaluate(() => window.wp.blocks.getBlockTypes().map((b) => b.name).filter((n) => n.startsWith('kite-privacy/')).sort());
  assert.deepEqual(names, ['kite-privacy/consent', 'kite-privacy/monitoring', 'kite-privacy/rights']);
  await browser.close();
});

test('tools_kite_report_shows_the_childrens_code_report_and_downloads_the_inventory', async () => {
  // A school's words are only ever text on the report, even ones that look like HTML.
  saveConfig({ audience: 'secondary', purposes: [{ name: 'analytics', services: [{ name: 'ga4', label: 'Google Analytics <img src=x onerror="window.kiteInjected=1">', description: 'Counts which pages are read.', cookies: ['_ga', '_ga_*'] }] }] });
  const { browser, page } = await adminAt('tools.php?page=kite-privacy-report');
  const report = page.locator('#kite-report');
  await report.locator('h2', { hasText: "Children's Code report" }).waitFor();
  assert.equal(await report.locator('table').first().locator('tbody tr').count(), 15, 'one row for each of the 15 standards');
  assert.match(await report.innerText(), /Audience 11 to 18: every message is worded for the age band/);
  assert.match(await report.innerText(), /Google Analytics <img src=x onerror/, 'the label shown as text');
  assert.equal(await page.evaluate(() => window.kiteInjected), undefined, 'and never run');
  assert.deepEqual(await axe(page, '#wpbody-content .wrap'), []);
  await page.screenshot({ path: screenshotPath('wordpress-report') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#kite-download-inventory')]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(download.suggestedFilename(), /kite-inventory\.csv$/);
  assert.match(csv.split('\n')[0], /^"Purpose","Service","Provider",/);
  assert.match(csv, /^"analytics","ga4","Google Analytics <img src=x onerror=""window\.kiteInjected=1"">",/m);
  await browser.close();
});

test('the_settings_screen_adds_a_service_takes_an_age_range_and_odd_words_and_refuses_what_kite_cannot_read', async () => {
  saveConfig({});
  const { browser, page } = await adminAt('options-general.php?page=kite-privacy');
  const saved = () => wp.php("echo get_option('kite_privacy_config');");
  await page.locator('[data-path="audience"]').selectOption('(range)');
  await page.fill('[data-path="audience.minAge"]', '9');
  await page.fill('[data-path="audience.maxAge"]', '11');
  // "Add a service" opens the new service with the cursor in its name.
  await page.locator('summary', { hasText: /^Purposes$/ }).click();
  await page.locator('summary', { hasText: /^Purpose 1: functional$/ }).click();
  await page.locator('summary:visible', { hasText: /^Services$/ }).first().click();
  await page.locator('button:visible', { hasText: 'Add a service' }).click();
  const at = await page.evaluate(() => document.activeElement?.dataset.path);
  assert.match(at, /^purposes\[0\]\.services\[\d+\]\.name$/, 'the cursor is in the new service\'s name');
  await page.keyboard.type('padlet');
  const label = page.locator(`[data-path="${at.replace(/name$/, 'label')}"]`);
  await page.screenshot({ path: screenshotPath('wordpress-settings-new-service') });
  const refused = async (field, words) => {
    const before = saved();
    await page.click('#submit');
    await page.locator(`#${await field.getAttribute('id')}-mistake:not([hidden])`).waitFor();
    assert.match(await page.textContent(`#${await field.getAttribute('id')}-mistake`), words);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(saved(), before, 'nothing saved');
  };
  // Welsh words with no English: empty English is a mistake.
  await label.nth(1).fill('Padlet – caffi');
  await refused(label.nth(0), /needs English text under "en-GB"/);
  await label.nth(0).fill('Padlet ✏️ – café 🎨');
  // JSON nested 5,000 deep in a JSON box: refused beside it, and the page does not break.
  await page.locator('summary', { hasText: /^Kite's words, changed$/ }).click();
  const words = page.locator('[data-path="text.en-GB"]');
  await words.fill('['.repeat(5000) + ']'.repeat(5000));
  await refused(words, /expected an object of messages, found text/);
  await words.fill('');
  // A 100,000-character address is quoted short.
  await page.locator('summary', { hasText: /^Rights$/ }).click();
  const email = page.locator('[data-path="rights.email"]');
  await email.fill('é'.repeat(100000));
  await refused(email, /is not an email address/);
  assert.ok((await page.textContent(`#${await email.getAttribute('id')}-mistake`)).length < 400, 'the mistake quotes it short');
  await email.fill('');
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  await page.locator('#setting-error-settings_updated').waitFor();
  const config = JSON.parse(saved());
  assert.deepEqual(config.audience, { minAge: 9, maxAge: 11 });
  assert.deepEqual(config.purposes[0].services.at(-1), { name: 'padlet', label: { 'en-GB': 'Padlet ✏️ – café 🎨', cy: 'Padlet – caffi' } });
  // The site runs with it: a 9-to-11 site's banner, no errors.
  await page.goto(`${wp.url}/`);
  await page.locator('kite-root .kite-banner [role="dialog"]').waitFor();
  assert.match(await page.locator('kite-root .kite-banner [role="dialog"]').innerText(), /A grown-up can change this/);
  // The logged-in admin's toolbar asks Gravatar for an avatar, which this offline machine
  // cannot reach; anything else is a page error.
  assert.deepEqual(browser.errors.filter((e) => !e.includes('ERR_NAME_NOT_RESOLVED')), [], 'no page errors');
  await browser.close();
});

test('only_a_json_object_is_saved_and_an_empty_one_stays_an_object_on_the_page', () => {
  const saved = () => wp.php("echo get_option('kite_privacy_config');");
  const earlier = saved();
  for (const bad of ['[1,2]', 'not json', '"text"', '']) {
    wp.php(`update_option('kite_privacy_config', ${JSON.stringify(bad)});`);
    assert.equal(saved(), earlier, `${JSON.stringify(bad)} is refused and the saved config kept`);
  }
  wp.php("update_option('kite_privacy_config', '{}');");
  assert.equal(saved(), '{}');
  assert.equal(wp.php('echo kite_privacy_config_json();'), '{}', 'the page gets an object, so Kite reads it as a config');
});

test('uninstalling_removes_kites_settings_and_nothing_else', async () => {
  assert.notEqual(wp.php("echo get_option('kite_privacy_config');"), '');
  wp.php(`require_once ABSPATH . 'wp-admin/includes/plugin.php'; require_once ABSPATH . 'wp-admin/includes/file.php';
    deactivate_plugins('kite-privacy/kite-privacy.php'); $r = delete_plugins(['kite-privacy/kite-privacy.php']); if ($r !== true) { echo 'failed'; exit(1); }`);
  assert.equal(wp.php("echo var_export(get_option('kite_privacy_config', 'gone'), true);"), "'gone'");
  assert.equal(wp.php("echo get_option('blogname');"), 'Oakfield Primary School', 'the site\'s own settings stay');
  assert.equal(fs.existsSync(path.join(wp.site, 'wp-content', 'plugins', 'kite-privacy')), false);
  assert.ok(Number(wp.php("echo count(get_posts(['post_type' => 'any', 'numberposts' => -1]));")) >= 3, 'posts stay');
});
