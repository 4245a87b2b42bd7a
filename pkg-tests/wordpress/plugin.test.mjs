// The WordPress plugin in a real WordPress (Debian's 6.1, PHP 8.2, MariaDB), driven in
// Chromium as a school admin and a visitor would: the admin uploads
// target/kite-privacy-wordpress.zip and activates it; a post with a YouTube embed shows Kite's
// placeholder and nothing reaches YouTube until "Load this once".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, launch, closeBrowsers, screenshotPath, settle } from '../helpers.mjs';
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

let wp;
before(async () => {
  wp = await startWordPress();
  fs.mkdirSync(path.join(wp.site, 'wp-content', 'mu-plugins'), { recursive: true });
  fs.writeFileSync(path.join(wp.site, 'wp-content', 'mu-plugins', 'oembed-offline.php'), OEMBED);
});
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
  await page.goto(`${wp.url}/wp-login.php`);
  await page.fill('#user_login', wp.admin.user);
  await page.fill('#user_pass', wp.admin.password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  await page.goto(`${wp.url}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('#pluginzip', zip);
  await Promise.all([page.waitForNavigation(), page.click('#install-plugin-submit')]);
  assert.match(await page.textContent('body'), /Plugin installed successfully/);
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Activate Plugin")')]);
  assert.match(await page.textContent('body'), /Plugin activated/);

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
  const browser = await launch();
  const page = await browser.page();
  await page.goto(`${wp.url}/wp-login.php`);
  await page.fill('#user_login', wp.admin.user);
  await page.fill('#user_pass', wp.admin.password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  await page.goto(`${wp.url}/wp-admin/options-general.php?page=kite-privacy`);
  // The screen starts folded: each group opens under its name.
  await page.locator('summary', { hasText: /^Privacy notice$/ }).click();
  const url = page.locator('[data-path="privacyNotice.url"]');
  await url.waitFor();
  // Fields the schema has appear, with its help text: the audience, the rights email.
  assert.equal(await page.locator('[data-path="audience"]').inputValue(), 'primary', 'the safe default: a primary school');
  assert.equal(await page.locator('[data-path="rights.email"]').count(), 1);
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
  await page.screenshot({ path: screenshotPath('wordpress-settings-mistake'), fullPage: true });

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
