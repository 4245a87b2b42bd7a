// Kite's ES module entry. Loads the WebAssembly once and starts Kite once per page.
// Loaded by <script type="module" data-config="…"> (or beside an inline #kite-config), it
// starts by itself; an app calls init(config).
import load, { start } from './kite_core.js';

let started;

/** Starts Kite (once per page) and resolves with the running instance. */
export function init(config) {
  started = started || load({ module_or_path: new URL('./kite_core_bg.wasm', import.meta.url) }).then(() => start(config));
  return started;
}

if (typeof document != 'undefined' && document.querySelector('script[data-config], script#kite-config')) {
  init().catch((e) => console.error('Kite could not start; marked trackers stay blocked.', e));
}
