// Serves the demo school site with Kite, and a second local origin playing the part of
// third-party trackers and embeds, which counts every request it receives.
// Used by `make demo` (www/demo.mjs) and by pkg-tests.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ts': 'text/plain',
};

// The tracker origin's files: an analytics tag, an advertising tag and a video embed.
const TAG = `(function () {
  var origin = document.currentScript && new URL(document.currentScript.src).origin;
  document.cookie = '_stats_id=' + Math.random().toString(36).slice(2) + '; path=/; max-age=31536000';
  document.cookie = '_stats_session=1; path=/';
  window.stats = function (event) { new Image().src = origin + '/collect?e=' + encodeURIComponent(event) + '&p=' + encodeURIComponent(location.pathname); };
  window.stats('load');
})();\n`;
const ADS = `(function () {
  var origin = new URL(document.currentScript.src).origin;
  document.cookie = '_ads_uid=' + Math.random().toString(36).slice(2) + '; path=/; max-age=31536000';
  new Image().src = origin + '/ads/pixel?p=' + encodeURIComponent(location.pathname);
})();\n`;
const VIDEO = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Video player</title>
<style>body{margin:0;font:16px system-ui,sans-serif;background:#111;color:#fff;display:grid;place-items:center;height:100vh}</style></head>
<body><p>▶ Oakfield Open Evening (video player from another site)</p></body></html>\n`;

export const integrity = 'sha384-' + crypto.createHash('sha384').update(TAG).digest('base64');

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}

/**
 * Starts the site and tracker servers.
 * kiteDir: the folder served at /kite/ (the package's pkg/ folder, or the installed tarball's).
 * Returns { site, tracker, other, requests, receipts, pages, kite, close }: `requests` lists every
 * request that reached the tracker origin (also reachable as `other`, another site, at
 * http://localhost); `pages` lets tests add pages (path -> html, with %TRACKER%, %OTHER%,
 * %NONCE% and %INTEGRITY% filled in); `receipts` holds the consent receipts the school's
 * endpoint (`POST /receipts`) received, parsed. `kite` is about Kite's own files: `requested`
 * lists each one fetched (its name under /kite/), and tests can make one `slow` (name -> ms)
 * or `missing` (a set of names, answered 404), as a slow or broken server would, or
 * `replaced` (name -> bytes, served instead of the file), as a broken deployment would.
 * `?csp=strict` serves a page under a strict Content-Security-Policy; `?csp=nowasm` the same
 * without 'wasm-unsafe-eval', as a site that forgot it would.
 */
export async function startServers({ kiteDir, port = 0, trackerPort = 0, siteDir = path.join(here, 'site') } = {}) {
  const requests = [];
  const receipts = [];
  const pages = new Map();
  const kite = { requested: [], slow: new Map(), missing: new Set(), replaced: new Map() };
  let trackerOrigin = '';

  const tracker = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push({ method: req.method, path: url.pathname, query: url.search, referer: req.headers.referer || '', time: Date.now() });
    const send = (type, body, extra = {}) => {
      res.writeHead(200, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    if (url.pathname === '/tag.js') return send(TYPES['.js'], TAG);
    if (url.pathname === '/ads.js') return send(TYPES['.js'], ADS);
    if (url.pathname.startsWith('/embed/')) return send(TYPES['.html'], VIDEO);
    if (url.pathname === '/landing') return send(TYPES['.html'], '<!doctype html><html lang="en"><title>Another site</title><h1>Another site</h1></html>');
    return send('image/gif', Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  const trackerPortActual = await listen(tracker, trackerPort);
  trackerOrigin = `http://127.0.0.1:${trackerPortActual}`;
  // The same server under another name: another site, for links that leave the school's.
  const otherSite = `http://localhost:${trackerPortActual}`;

  const site = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let pathname = decodeURIComponent(url.pathname);
    const csp = ['strict', 'nowasm'].includes(url.searchParams.get('csp'));
    const nonce = csp ? crypto.randomBytes(16).toString('base64') : '';
    const headers = { 'Cache-Control': 'no-store' };
    if (csp) {
      const wasm = url.searchParams.get('csp') === 'strict' ? " 'wasm-unsafe-eval'" : '';
      headers['Content-Security-Policy'] = [
        "default-src 'self'", `script-src 'self' 'nonce-${nonce}'${wasm}`, "style-src 'self'",
        `img-src 'self' ${trackerOrigin}`, `frame-src ${trackerOrigin}`, `connect-src 'self'`, "object-src 'none'", "base-uri 'none'",
      ].join('; ');
    }
    if (req.method === 'POST' && pathname === '/receipts') {
      // The school's receipt endpoint: keeps what it is sent and nothing about the sender.
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        try { receipts.push(JSON.parse(body)); } catch { receipts.push({ unreadable: body }); }
        res.writeHead(204);
        res.end();
      });
      return;
    }
    const fill = (html) => html.replaceAll('%TRACKER%', trackerOrigin).replaceAll('%OTHER%', otherSite).replaceAll('%NONCE%', nonce).replaceAll('%INTEGRITY%', integrity);
    if (pathname.endsWith('/')) pathname += 'index.html';
    if (pages.has(pathname)) {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
      return res.end(fill(pages.get(pathname)));
    }
    if (pathname.startsWith('/kite/') && !req.kiteLate) {
      const name = pathname.slice('/kite/'.length);
      kite.requested.push(name);
      if (kite.missing.has(name)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('not found');
      }
      if (kite.replaced.has(name)) {
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(name)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
        return res.end(kite.replaced.get(name));
      }
      const wait = kite.slow.get(name);
      if (wait) {
        req.kiteLate = true;
        return setTimeout(() => site.emit('request', req, res), wait);
      }
    }
    const root = pathname.startsWith('/kite/') ? kiteDir : siteDir;
    const relative = pathname.startsWith('/kite/') ? pathname.slice('/kite/'.length) : pathname.slice(1);
    const file = path.resolve(root, relative);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    const ext = path.extname(file);
    let body = fs.readFileSync(file);
    if (ext === '.html') body = fill(body.toString());
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[ext] || 'application/octet-stream' });
    res.end(body);
  });
  const sitePort = await listen(site, port);

  return {
    site: `http://127.0.0.1:${sitePort}`,
    tracker: trackerOrigin,
    other: otherSite,
    requests,
    receipts,
    pages,
    kite,
    close: () => Promise.all([new Promise((r) => site.close(r)), new Promise((r) => tracker.close(r))]),
  };
}
