/* Kite stub: load synchronously in <head>, before any tag. Sets Google Consent Mode v2 to
   denied and queues window.kite calls until Kite's WebAssembly is ready. */
(function (w) {
  if (w.kite) return;
  var d = (w.dataLayer = w.dataLayer || []);
  if (typeof w.gtag != 'function') w.gtag = function () { d.push(arguments); };
  w.gtag('consent', 'default', {
    ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
    analytics_storage: 'denied', functionality_storage: 'denied', personalization_storage: 'denied',
    wait_for_update: 500
  });
  var q = [];
  function later(path) {
    return function () {
      var a = [].slice.call(arguments);
      return new Promise(function (ok, no) { q.push([path, a, ok, no]); });
    };
  }
  var c = {};
  ['get', 'set', 'reset', 'show', 'onChange'].forEach(function (m) { c[m] = later('consent.' + m); });
  w.kite = { q: q, consent: c, notice: { show: later('notice.show') }, rights: { open: later('rights.open') },
    monitoring: { set: later('monitoring.set'), clear: later('monitoring.clear') }, setAge: later('setAge') };
})(window);
