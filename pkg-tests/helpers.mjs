// Shared by the package tests: install the packed tarball as a user would, serve the demo
// site with it, and drive Debian's Chromium with playwright-core.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServers } from '../www/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');
export const shots = path.join(root, 'target', 'screenshots');

/** Installs target/kite-privacy-*.tgz into a scratch project; returns the installed package's folder. */
export function installPackage() {
  const tarballs = fs.readdirSync(path.join(root, 'target')).filter((f) => /^kite-privacy-.*\.tgz$/.test(f));
  if (tarballs.length !== 1) throw new Error('run `make pack` first: expected one target/kite-privacy-*.tgz');
  const tarball = path.join(root, 'target', tarballs[0]);
  const scratch = path.join(root, 'target', 'pkg-tests', 'scratch');
  const stamp = path.join(scratch, '.installed');
  const id = `${tarball}:${fs.statSync(tarball).mtimeMs}`;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== id) {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.mkdirSync(scratch, { recursive: true });
    fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', tarball], { cwd: scratch, stdio: 'inherit' });
    fs.writeFileSync(stamp, id);
  }
  return path.join(scratch, 'node_modules', 'kite-privacy');
}

/** Starts the demo site (serving the installed package at /kite/) and the tracker origin. */
export async function serve() {
  const installed = installPackage();
  return startServers({ kiteDir: path.join(installed, 'pkg') });
}

const open = new Set();

/** Closes every browser a test launched and did not close (a failed test's, say). */
export async function closeBrowsers() {
  await Promise.all([...open].map((b) => b.close().catch(() => {})));
}

/**
 * Launches headless Chromium from Debian's package. `args` adds command-line flags (fake
 * camera and microphone); the rest goes to the context (permissions, geolocation).
 */
export async function launch({ args = [], ...options } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...args],
    ...options,
  });
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`); });
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  const browser = {
    context,
    errors,
    async page() { return context.pages()[0] || context.newPage(); },
    async close() {
      open.delete(browser);
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  open.add(browser);
  return browser;
}

/** The banner's panel (Playwright's CSS locators look inside open shadow roots). */
export const banner = (page) => page.locator('kite-root .kite-banner [role="dialog"]');
export const preferences = (page) => page.locator('kite-root .kite-prefs [role="dialog"]');
export const settingsButton = (page) => page.locator('kite-root .kite-settings');

/** Requests that reached the tracker origin, optionally only those whose path starts with `prefix`. */
export const hits = (servers, prefix = '/') => servers.requests.filter((r) => r.path.startsWith(prefix)).length;

/** Waits a little for anything that might still be loading, then returns. */
export const settle = (page, ms = 400) => page.waitForTimeout(ms);

export async function cookieNames(context) {
  return (await context.cookies()).map((c) => c.name).sort();
}

export function screenshotPath(name) {
  fs.mkdirSync(shots, { recursive: true });
  return path.join(shots, `${name}.png`);
}

/** The demo site's purposes, for test pages that vary other settings. */
export const demoConfig = () => JSON.parse(fs.readFileSync(path.join(root, 'www', 'site', 'kite.json'), 'utf8'));

/**
 * A test page with Kite pasted in as a school admin would, an inline config, and the
 * demo's marked trackers. `extra` goes at the end of <body>.
 */
export function testPage({ config = demoConfig(), lang = 'en-GB', extra = '', head = '' } = {}) {
  const json = typeof config === 'string' ? config : JSON.stringify(config);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Test page</title><link rel="icon" href="/assets/favicon.svg">
<script src="/kite/kite-stub.js" nonce="%NONCE%"></script>
<script type="application/json" id="kite-config">${json}</script>
<script type="module" src="/kite/kite.js" nonce="%NONCE%"></script>
<script type="text/plain" data-kite="analytics/stats" src="%TRACKER%/tag.js" integrity="%INTEGRITY%" crossorigin="anonymous" nonce="%NONCE%"></script>
<script type="text/plain" data-kite="analytics/stats" nonce="%NONCE%">stats('pageview'); window.inlineRan = true;</script>
<script type="text/plain" data-kite="marketing/ads" src="%TRACKER%/ads.js" async nonce="%NONCE%"></script>
${head}</head><body><main><h1>Test page</h1><p>Some text.</p>
<iframe data-kite="functional/video" data-src="%TRACKER%/embed/video" title="Video"></iframe></main>${extra}</body></html>`;
}

/**
 * Runs in an embed placeholder's document (Playwright's evaluate, WebDriver's executeScript):
 * its scroll size, its viewport, and the words or buttons that fall outside the viewport.
 */
export function placeholderFit() {
  const d = document.documentElement;
  return {
    scroll: [d.scrollWidth, d.scrollHeight],
    view: [innerWidth, innerHeight],
    outside: [...document.querySelectorAll('button, h2, p')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width && (r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5);
    }).map((e) => e.textContent),
  };
}

/** Waits until Kite has started and put its real API on window.kite. */
export const kiteReady = (page) => page.waitForFunction(() => window.kite && !window.kite.q);

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now (every rule), as `id: targets` lines; [] when
 * clean. `within` (a selector) checks only that part, for a screen inside someone else's page.
 */
export async function axe(page, within) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((sel) => window.axe.run(sel ?? document, { resultTypes: ['violations'] }), within);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
