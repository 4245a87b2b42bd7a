// Issue 7: "Read to me" for children under 10, in real Chromium with real voices (Debian's
// speech-dispatcher and espeak-ng, which Chromium uses with --enable-speech-dispatcher). The
// button speaks the dialog's words in the page's language, stops when the dialog closes, and
// is not there when the browser has no voice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { serve, launch, banner, testPage, demoConfig, kiteReady, screenshotPath, closeBrowsers } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Chromium starts speech-dispatcher when it first needs a voice. A daemon left over from an
 * earlier run can hang while shutting down (it has no sound card here), and then no browser
 * gets voices, so each run starts and ends without one.
 */
function stopSpeechDispatcher() {
  spawnSync('pkill', ['-9', '-f', 'speech-dispatcher']);
  fs.rmSync(path.join(os.homedir(), '.cache', 'speech-dispatcher', 'speechd.sock'), { force: true });
}

/**
 * Closes a browser that has spoken. Chromium can wait half a minute for the daemon as it
 * closes, and killing the daemon while Chromium still talks to it can bring Chromium down, so
 * the daemon is stopped only if closing has not finished within 3 s.
 */
async function closeWithVoices(browser) {
  const late = setTimeout(stopSpeechDispatcher, 3000);
  await browser.close();
  clearTimeout(late);
  stopSpeechDispatcher();
}

let servers;
before(async () => { stopSpeechDispatcher(); servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); stopSpeechDispatcher(); });

const VOICES = { args: ['--enable-speech-dispatcher'] };
const primary = (lang) => testPage({ config: { ...demoConfig(), audience: 'primary' }, lang, extra: '<nav aria-label="Useful links"><a id="out" href="https://www.bbc.co.uk/bitesize">BBC Bitesize</a></nav>' });

/** Opens the page once the browser's voices have loaded (Chromium loads them on first ask). */
async function open(browser, path) {
  const p = await browser.page();
  await p.goto(servers.site + path);
  await p.evaluate(() => new Promise((resolve) => {
    if (speechSynthesis.getVoices().length) return resolve();
    speechSynthesis.addEventListener('voiceschanged', resolve, { once: true });
    setTimeout(resolve, 5000);
  }));
  await p.reload();
  await kiteReady(p);
  return p;
}

const speaking = (p) => p.evaluate(() => speechSynthesis.speaking);

test('read_to_me_speaks_the_banner_and_the_leaving_page_and_stops_when_they_close', async () => {
  stopSpeechDispatcher();
  const browser = await launch(VOICES);
  servers.pages.set('/a/primary.html', primary('en-GB'));
  const p = await open(browser, '/a/primary.html');
  const button = banner(p).locator('[data-action="read-aloud"]');
  assert.equal(await button.textContent(), 'Read to me');
  assert.equal(await speaking(p), false);
  await button.focus();
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => speechSynthesis.speaking);
  await p.screenshot({ path: screenshotPath('read-to-me') });
  await p.addScriptTag({ content: axeSource });
  assert.deepEqual(await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id))), []);
  await banner(p).locator('[data-action="ok"]').click();
  await p.waitForFunction(() => !speechSynthesis.speaking, null, { timeout: 5000 });

  await p.click('#out');
  const leave = p.locator('kite-root .kite-leave [role="dialog"]');
  await leave.waitFor();
  await leave.locator('[data-action="read-aloud"]').click();
  await p.waitForFunction(() => speechSynthesis.speaking);
  await p.keyboard.press('Escape');
  await leave.waitFor({ state: 'detached' });
  await p.waitForFunction(() => !speechSynthesis.speaking, null, { timeout: 5000 });
  assert.deepEqual(browser.errors, []);
  await closeWithVoices(browser);
});

test('a_welsh_page_reads_in_welsh_and_no_voice_means_no_button', async () => {
  stopSpeechDispatcher();
  const browser = await launch(VOICES);
  servers.pages.set('/a/cy.html', primary('cy'));
  const p = await open(browser, '/a/cy.html');
  assert.equal(await banner(p).locator('[data-action="read-aloud"]').textContent(), 'Darllen i mi');
  const spoken = await p.evaluate(() => new Promise((resolve) => {
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (u) => { resolve({ lang: u.lang, voice: u.voice?.lang, text: u.text }); speak(u); };
    document.querySelector('kite-root').shadowRoot.querySelector('[data-action="read-aloud"]').click();
  }));
  assert.equal(spoken.lang, 'cy');
  assert.match(spoken.voice, /^cy/);
  assert.match(spoken.text, /^Cwcis/);
  // Not mid-sentence when the daemon goes: Chromium can crash when its speech is cut off.
  await p.evaluate(() => speechSynthesis.cancel());
  await p.waitForFunction(() => !speechSynthesis.speaking, null, { timeout: 5000 });
  await closeWithVoices(browser);

  const silent = await launch(); // no speech-dispatcher: the browser has no voices
  servers.pages.set('/a/silent.html', primary('en-GB'));
  const q = await silent.page();
  await q.goto(`${servers.site}/a/silent.html`);
  await kiteReady(q);
  await banner(q).waitFor();
  assert.equal(await banner(q).locator('[data-action="read-aloud"]').count(), 0);
  await silent.close();
});
