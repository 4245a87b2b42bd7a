// WebKit (Safari's engine, as WebKitGTK's MiniBrowser) and Firefox, driven through WebDriver
// with selenium-webdriver: the engines families use beside Chromium. Both come from Debian's
// packages (webkit2gtk-driver, firefox-esr), geckodriver from crates.io; `make test-engines`
// installs them. MiniBrowser has no headless mode, so the tests run under xvfb-run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Builder } from 'selenium-webdriver';
import { freePort, listening } from '../ports.mjs';
import firefox from 'selenium-webdriver/firefox.js';

// WebKitGTK's MiniBrowser, under the machine's multiarch folder (x86_64-linux-gnu, aarch64-linux-gnu, …).
const MINIBROWSER = fs.readdirSync('/usr/lib').map((dir) => path.join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser'))
  .find((file) => fs.existsSync(file)) ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const GECKODRIVER = path.join(os.homedir(), '.cargo', 'bin', 'geckodriver');

/** The engines, each with a function that starts a fresh browser and returns its driver and a stop. */
export const ENGINES = [
  {
    name: 'webkit',
    async start() {
      const port = await freePort();
      const service = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
      await listening(port);
      const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      }).build();
      return { driver, stop: async () => { await driver.quit().catch(() => {}); service.kill(); } };
    },
  },
  {
    name: 'firefox',
    async start() {
      const options = new firefox.Options().setBinary('/usr/bin/firefox-esr').addArguments('-headless')
        .setPreference('app.update.auto', false).setPreference('browser.shell.checkDefaultBrowser', false)
        .setPreference('datareporting.policy.dataSubmissionEnabled', false).setPreference('network.captive-portal-service.enabled', false);
      const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options)
        .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER)).build();
      // Firefox reads aloud through speech-dispatcher, whose daemon can hang without a sound card.
      return { driver, stop: async () => { await driver.quit().catch(() => {}); spawnSync('pkill', ['-9', '-f', 'speech-dispatcher']); } };
    },
  },
];

/**
 * Goes first in each test page's <head>: keeps the page's errors (uncaught exceptions,
 * rejected promises and console.error, where Kite writes its own) in window.pageErrors, as
 * WebDriver cannot read the console in every engine.
 */
export const ERRORS = `<script>window.pageErrors = [];
addEventListener('error', (e) => { if (e instanceof ErrorEvent) pageErrors.push(String(e.message)); });
addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));
{ const original = console.error; console.error = (...args) => { pageErrors.push(args.map(String).join(' ')); original.apply(console, args); }; }
</script>`;

/** Helpers for one driver: Kite's elements live in a shadow root, found by script. */
export function kit(driver) {
  const inKite = (selector) => `const r = document.querySelector('kite-root'); const e = r && r.shadowRoot && r.shadowRoot.querySelector(${JSON.stringify(selector)});`;
  const self = {
    /** Waits until `script` (a function body returning a value) returns something truthy. */
    until: (script, what, ms = 10000) => driver.wait(() => driver.executeScript(script), ms, `waited ${ms} ms for ${what}`),
    /** Kite's element matching `selector`, once it is on screen. */
    async kite(selector, ms = 10000) {
      await self.until(`${inKite(selector)} return !!(e && e.getClientRects().length);`, selector, ms);
      return driver.executeScript(`${inKite(selector)} return e;`);
    },
    /** Whether Kite shows an element matching `selector` now. */
    shows: (selector) => driver.executeScript(`${inKite(selector)} return !!(e && e.getClientRects().length);`),
    /** Waits until Kite has started and put its real API on window.kite. */
    ready: () => self.until('return !!(window.kite && !window.kite.q);', 'Kite to start'),
    /** The page's errors so far. */
    errors: () => driver.executeScript('return window.pageErrors || ["the page lost its error log"];'),
    /** A fresh start: no cookies or storage for `origin`. */
    async forget(origin) {
      await driver.get(`${origin}/assets/favicon.svg`);
      await driver.manage().deleteAllCookies();
      await driver.executeScript('try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}');
    },
  };
  return self;
}
