// What rooms.test.mjs and rooms-failing.test.mjs share: the installed package's rooms, the
// test servers (which count Kite's files fetched, and can hold one back or answer 404; reset
// before each test), and a school page with the banner, marked scripts, one marked embed and
// outside links.
import { before, after, beforeEach } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { serve, banner, testPage, demoConfig, kiteReady, closeBrowsers, installPackage } from './helpers.mjs';

/** The installed package's pkg/ folder. */
export const installed = path.join(installPackage(), 'pkg');
/** Each room's files, its own first (the rest are shared with other rooms). */
export const rooms = JSON.parse(fs.readFileSync(path.join(installed, 'rooms.json'), 'utf8'));
/** A room's own file. */
export const own = (room) => rooms[room][0];

/** The test servers, once started. */
export let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });
beforeEach(() => {
  servers.kite.requested.length = 0;
  servers.kite.slow.clear();
  servers.kite.missing.clear();
});

const LINKS = '<nav aria-label="Useful links"><a id="out" href="https://www.bbc.co.uk/bitesize">BBC Bitesize</a> <a href="https://www.nasa.gov/">NASA</a></nav>';

/** The address of a school page named `name`, with `extra` in its body. */
export function schoolPage(name, { lang = 'en-GB', extra = '', config = demoConfig() } = {}) {
  servers.pages.set(`/r/${name}.html`, testPage({ config, lang, extra: LINKS + extra }));
  return `${servers.site}/r/${name}.html`;
}

/** Opens `url` and waits until Kite has started and the page is idle. */
export async function open(browser, url) {
  const p = await browser.page();
  await p.goto(url);
  await banner(p).waitFor();
  await p.waitForLoadState('networkidle');
  await kiteReady(p);
  return p;
}
