/* Kite stub: load synchronously in <head>, before any tag. Sets Google Consent Mode v2 to
   denied and queues window.kite calls until Kite's WebAssembly is ready. */
(function (w) {
  if (w.kite) return;
  // Kite's core files sit beside this one: the browser starts fetching them now, while it
  // reads the rest of the page, instead of after it (data-preload="off" where they do not).
  var me = document.currentScript, src = me && me.src;
  function preload(file, rel) {
    var l = document.createElement('link');
    l.rel = rel || 'preload';
    l.href = src.replace(/[^/]*$/, file);
    if (!rel) { l.as = 'fetch'; l.crossOrigin = ''; }
    document.head.appendChild(l);
  }
  if (/kite-stub\.js/.test(src) && me.getAttribute('data-preload') != 'off') {
    preload('kite_core.js', 'modulepreload');
    preload('kite_core_bg.wasm');
  }
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
  ['get', 'set', 'reset', 'show', 'onChange', 'receipt'].forEach(function (m) { c[m] = later('consent.' + m); });
  // Location and camera requests made before Kite is ready wait for it (and its notices):
  // calls are queued, and watch ids handed out here are the ones Kite keeps.
  var n = w.navigator, g = n.geolocation, m = n.mediaDevices, k;
  function hold(path, a, id) { return new Promise(function (ok, no) { q.push([path, [].slice.call(a), ok, no, id]); }); }
  if (g) {
    g.getCurrentPosition = function () { hold('geo.get', arguments); };
    g.watchPosition = function () { var id = k.w++; hold('geo.watch', arguments, id); return id; };
    g.clearWatch = function (id) { for (var i = q.length - 1; i >= 0; i--) if (q[i][4] === id) q.splice(i, 1); };
  }
  if (m && m.getUserMedia) m.getUserMedia = function () { return hold('media', arguments); };
  k = w.kite = { q: q, w: 1, consent: c, notice: { show: later('notice.show') }, rights: { open: later('rights.open') },
    monitoring: { set: later('monitoring.set'), clear: later('monitoring.clear') }, setAge: later('setAge'),
    sharedDevice: later('sharedDevice'), logout: later('logout'), report: later('report'), audit: later('audit') };
})(window);
