// Kite's ES module entry. Loads the WebAssembly once and starts Kite once per page.
// Loaded by <script type="module" data-config="…"> (or beside an inline #kite-config), it
// starts by itself; an app calls init(config).
import load, { start } from './kite_core.js';

let started, stopped;

/** Starts Kite (once per page) and resolves with the running instance. */
export function init(config) {
  started = started || load({ module_or_path: new URL('./kite_core_bg.wasm', import.meta.url) }).then(() => start(config)).catch((e) => {
    stop(e);
    throw e;
  });
  return started;
}

// Kite's WebAssembly failed, now or at start: one console error with the cause and the fix.
// Marked elements stay inert (they only run when Kite releases them), so the page stays safe;
// what the page asked Kite for is refused as a browser would, and what it asks later too.
function stop(e) {
  if (stopped) return;
  stopped = true;
  const m = String((e && e.message) || e);
  const why = typeof WebAssembly != 'object'
    ? 'this browser cannot run WebAssembly (or it is switched off), so there is no banner here.'
    : /Content.Security.Policy|unsafe-eval/i.test(m)
      ? "the page's Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to its script-src."
      : e instanceof WebAssembly.RuntimeError
        ? `its WebAssembly failed (${m}). Reload the page; if it happens again, report it with the page's address and its config.`
        : e instanceof WebAssembly.CompileError || /fetch|MIME|wasm/i.test(m)
          ? `kite_core_bg.wasm could not be loaded (${m}). Serve it from the same folder as kite.js, as application/wasm.`
          : m;
  console.error('Kite stopped: ' + why + ' Trackers stay blocked: nothing marked with data-kite runs.', e);
  const q = window.kite && window.kite.q;
  if (Array.isArray(q)) {
    q.push = (call) => refuse(call);
    q.splice(0).forEach(refuse);
  }
}

function refuse([path, args, ok, no]) {
  if (path == 'notice.show') ok('not-now');
  else if (path == 'media') no(new DOMException('Kite stopped', 'NotAllowedError'));
  else if (path.startsWith('geo.')) typeof args[1] == 'function' && args[1]({ code: 1, PERMISSION_DENIED: 1, message: 'Kite stopped' });
  else ok(null);
}

// A failure in Kite's WebAssembly after start reaches the page as an uncaught error: it is
// reported once, as "Kite stopped", instead of as the bare trap.
const kiteFailed = (e) => typeof WebAssembly == 'object' && e instanceof WebAssembly.RuntimeError && /kite_core|split_|chunk_\d/.test(e.stack);
if (typeof window != 'undefined') {
  for (const [type, key] of [['error', 'error'], ['unhandledrejection', 'reason']]) {
    window.addEventListener(type, (e) => {
      if (kiteFailed(e[key])) {
        e.preventDefault();
        stop(e[key]);
      }
    });
  }
}

if (typeof document != 'undefined' && document.querySelector('script[data-config], script#kite-config')) {
  init().catch(() => {});
}
