// When Kite itself cannot run, against the packed package in Chromium: a browser without
// WebAssembly, a Content-Security-Policy without 'wasm-unsafe-eval', and a room whose
// WebAssembly fails at run time (a deliberately broken file, every function replaced by a
// trap). In each the page still works, nothing marked runs, and the console has one error
// that starts "Kite stopped:" and says what to do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import binaryen from 'binaryen';
import { serve, launch, hits, settle, closeBrowsers, testPage, installPackage } from './helpers.mjs';

const installed = path.join(installPackage(), 'pkg');
const rooms = JSON.parse(fs.readFileSync(path.join(installed, 'rooms.json'), 'utf8'));

let servers;
before(async () => { servers = await serve(); });
after(async () => { await closeBrowsers(); await servers.close(); });

/** The console errors that say Kite stopped. */
const stops = (browser) => browser.errors.filter((e) => e.includes('Kite stopped:'));

/** A page of the school's with marked trackers and its own script, which must keep working. */
function page(name, extra = '') {
  servers.pages.set(`/f/${name}.html`, testPage({ extra: `<p id="own">waiting</p><script type="module">document.getElementById('own').textContent = 'the page works';</script>
<a id="out" href="https://www.bbc.co.uk/bitesize">BBC Bitesize</a>${extra}` }));
  return `${servers.site}/f/${name}.html`;
}

async function pageStillWorks(p) {
  await p.waitForFunction(() => document.getElementById('own')?.textContent === 'the page works');
}

test('without_webassembly_the_page_works_nothing_marked_runs_and_the_console_says_why', async () => {
  servers.requests.length = 0;
  const browser = await launch();
  const p = await browser.page();
  await p.addInitScript(() => { delete window.WebAssembly; });
  await p.goto(page('no-wasm'));
  await pageStillWorks(p);
  await settle(p, 800);
  assert.equal(hits(servers), 0, 'no tracker was fetched');
  assert.equal(await p.evaluate(() => window.inlineRan), undefined, 'the marked inline script did not run');
  assert.equal(stops(browser).length, 1, browser.errors.join('\n'));
  assert.match(stops(browser)[0], /cannot run WebAssembly.*Trackers stay blocked/);
  // What the page asks Kite for is refused, not left waiting.
  assert.equal(await p.evaluate(() => window.kite.notice.show('camera')), 'not-now');
  await browser.close();
});

test('a_csp_without_wasm_unsafe_eval_keeps_trackers_blocked_and_names_what_to_add', async () => {
  servers.requests.length = 0;
  const browser = await launch();
  const p = await browser.page();
  const response = await p.goto(servers.site + '/?csp=nowasm');
  assert.doesNotMatch(response.headers()['content-security-policy'], /wasm-unsafe-eval/);
  await settle(p, 1500);
  assert.equal(hits(servers), 0, 'no tracker was fetched');
  assert.equal(await p.locator('kite-root').count(), 0, 'no half-drawn banner');
  assert.equal(stops(browser).length, 1, browser.errors.join('\n'));
  assert.match(stops(browser)[0], /Content-Security-Policy does not allow WebAssembly\. Add 'wasm-unsafe-eval' to its script-src/);
  await browser.close();
});

test('a_room_whose_webassembly_fails_stops_kite_with_one_error_and_nothing_leaks', async () => {
  // The leaving room's own file, with every function's body replaced by `unreachable`.
  const name = rooms.leaving[0];
  const mod = binaryen.readBinary(fs.readFileSync(path.join(installed, name)));
  const F = binaryen.Features;
  // The features Kite's build uses (see WASM_OPT_FLAGS in the Makefile), and no others.
  mod.setFeatures(F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.SignExt | F.ReferenceTypes | F.Multivalue | F.BulkMemoryOpt | F.CallIndirectOverlong);
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const f = mod.getFunctionByIndex(i);
    if (!binaryen.getFunctionInfo(f).module) binaryen.Function.setBody(f, mod.unreachable());
  }
  servers.kite.replaced.set(name, Buffer.from(mod.emitBinary()));
  mod.dispose();
  try {
    servers.requests.length = 0;
    const browser = await launch();
    const p = await browser.page();
    await p.goto(page('broken-room'));
    await p.locator('kite-root .kite-banner [role="dialog"]').waitFor();
    await pageStillWorks(p);
    const before = p.url();
    await p.locator('#out').click();
    await settle(p, 1500);
    assert.equal(p.url(), before, 'the link did not go to the other site unasked');
    assert.equal(hits(servers), 0, 'no tracker was fetched');
    assert.equal(browser.errors.length, 1, `one error, not the bare trap as well:\n${browser.errors.join('\n')}`);
    assert.match(stops(browser)[0], /Kite stopped: its WebAssembly failed \(unreachable\)\. Reload the page; if it happens again, report it.*Trackers stay blocked/);
    await browser.close();
  } finally {
    servers.kite.replaced.clear();
  }
});
