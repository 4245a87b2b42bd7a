// The documentation site's generated pages: the config reference from the shipped JSON Schema,
// the API reference from the shipped TypeScript types, the Children's Code report from Kite
// itself, and the gallery of Kite's UI drawn by the package.
const page = document.body.dataset.page;
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const code = (s) => `<code>${esc(s)}</code>`;

function typeWords(s) {
  if (!s) return 'anything';
  if (s.enum) return s.enum.map((v) => code(JSON.stringify(v))).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeWords).join(', or ');
  switch (s.type) {
    case 'boolean': return 'true or false';
    case 'integer': return s.maximum != null ? `whole number ${s.minimum}–${s.maximum}` : `whole number ≥ ${s.minimum}`;
    case 'string': return s.description && s.description.startsWith('https://') ? 'web address' : 'text';
    case 'array': return `list of ${typeWords(s.items)}`;
    case 'object':
      if (s.properties && s.properties['en-GB'] && !s.properties['en-GB'].properties) return `{ ${code('en-GB')}, ${code('cy')} }`;
      if (s.additionalProperties && typeof s.additionalProperties == 'object') return s.propertyNames && s.propertyNames.enum ? 'message key → text' : `object of ${typeWords(s.additionalProperties)} by name`;
      return 'object';
    default: return 'anything';
  }
}

function rows(schema, prefix, out) {
  for (const [name, s] of Object.entries(schema.properties || {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const required = (schema.required || []).includes(name);
    out.push({ path, type: typeWords(s), default: s.default, description: (s.description || '') + (required ? ' Required.' : '') });
    // Nested fields: lists (`[]`), objects whose keys are names (`<name>`), and objects whose
    // keys all hold the same thing (`<see|fix|…>`, and `{ en-GB, cy }` text, which stops there).
    const inner = (t, at) => {
      if (!t) return;
      if (t.anyOf) return t.anyOf.forEach((o) => inner(o, at));
      if (t.type === 'array') return inner(t.items, `${at}[]`);
      if (t.type !== 'object') return;
      const keys = Object.keys(t.properties || {});
      const values = Object.values(t.properties || {});
      if (keys.length > 1 && new Set(values.map((v) => JSON.stringify(v))).size === 1) return inner(values[0], `${at}.<${keys.join('|')}>`);
      if (keys.length) rows(t, at, out);
      if (typeof t.additionalProperties == 'object') inner(t.additionalProperties, `${at}.<name>`);
    };
    inner(s, path);
  }
  return out;
}

async function config() {
  const schema = await (await fetch('/kite/kite.schema.json')).json();
  const seen = new Set();
  const list = rows(schema, '', []).filter((r) => !seen.has(r.path) && seen.add(r.path));
  document.querySelector('#reference').innerHTML = `<table class="reference"><caption>${list.length} fields</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Default</th><th scope="col">What it does</th></tr></thead><tbody>
${list.map((r) => `<tr id="${esc(r.path.replace(/[^A-Za-z0-9]+/g, '-'))}"><th scope="row">${code(r.path)}</th><td>${r.type}</td><td>${r.default === undefined ? '' : code(JSON.stringify(r.default))}</td><td>${esc(r.description)}</td></tr>`).join('\n')}
</tbody></table>`;
}

async function api() {
  const text = await (await fetch('/kite/kite.d.ts')).text();
  const doc = (c) => (c || '').replace(/^\/\*\*|\*\/$/g, '').split('\n').map((l) => l.replace(/^\s*\* ?/, '').trim()).join(' ').trim();
  const sections = [];
  const re = /(\/\*\*[\s\S]*?\*\/)?\s*export (interface|type|function) (\w+)([^{;=]*)/g;
  let m;
  while ((m = re.exec(text))) {
    const [, comment, kind, name] = m;
    let body = '';
    const at = re.lastIndex;
    if (kind === 'interface') {
      let depth = 0, i = text.indexOf('{', at);
      const start = i;
      for (; i < text.length; i++) { if (text[i] === '{') depth++; if (text[i] === '}' && --depth === 0) break; }
      body = text.slice(start + 1, i);
      const members = [];
      const mr = /(\/\*\*[\s\S]*?\*\/)?\s*((?:readonly )?[\w$]+\??(?:\([^;]*\))?:[^;]*);/g;
      let mm;
      let depthText = body.replace(/\{[^{}]*\}/g, (s) => s.replace(/;/g, '\u0000'));
      while ((mm = mr.exec(depthText))) members.push({ sig: mm[2].replace(/\u0000/g, ';').replace(/\s+/g, ' ').trim(), doc: doc(mm[1]) });
      sections.push(`<section id="${name}"><h2>${code(name)}</h2><p>${esc(doc(comment))}</p><dl>${members.map((x) => `<dt>${code(x.sig)}</dt><dd>${esc(x.doc) || '&nbsp;'}</dd>`).join('')}</dl></section>`);
    } else {
      const end = text.indexOf(';', at);
      sections.push(`<section id="${name}"><h2>${code(name)}</h2><p>${esc(doc(comment))}</p><pre class="wrapped"><code>${esc(('export ' + kind + ' ' + name + text.slice(m.index + m[0].length - m[4].length, end + 1)).replace(/\s+/g, ' '))}</code></pre></section>`);
    }
  }
  document.querySelector('#api').innerHTML = `<nav aria-label="Types"><p>${sections.length} entries: ${[...text.matchAll(/export (?:interface|type|function) (\w+)/g)].map((x) => `<a href="#${x[1]}">${x[1]}</a>`).join(', ')}</p></nav>${sections.join('\n')}`;
}

function markdown(md) {
  const inline = (s) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  const out = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('|')) {
      const table = [];
      while (i < lines.length && lines[i].startsWith('|')) table.push(lines[i++]);
      i--;
      const cells = (l) => l.slice(1, -1).split(' | ').map((c) => c.trim());
      const [head, , ...body] = table;
      out.push(`<table><thead><tr>${cells(head).map((c) => `<th scope="col">${inline(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if (/^#{1,3} /.test(line)) {
      const level = Math.max(2, line.indexOf(' ')); // '## ' is an h2 here: the page's own h1 comes first
      out.push(`<h${level}>${inline(line.slice(line.indexOf(' ') + 1))}</h${level}>`);
    } else if (line.startsWith('- ')) {
      const items = [];
      while (i < lines.length && lines[i].startsWith('- ')) items.push(lines[i++].slice(2));
      i--;
      out.push(`<ul>${items.map((x) => `<li>${inline(x)}</li>`).join('')}</ul>`);
    } else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  return out.join('\n');
}

async function report() {
  const { init } = await import('/kite/kite.js');
  const kite = await init();
  // The report's own top heading would repeat this page's, so it starts one level down.
  document.querySelector('#report').innerHTML = markdown((await kite.report('code')).replace(/^# .*\n/, ''));
}

const PIECES = {
  banner: 'The consent banner', preferences: 'Privacy settings', embed: 'A video before it is allowed', leaving: 'Leaving the site',
  notice: 'A notice before a photo upload', location: 'Before sharing where you are', monitoring: 'Who can see what you do',
  guard: 'Before sending contact details', rights: 'Your information',
};
const BANDS = ['0-5', '6-9', '10-12', '13-15', '16-17', 'adult'];

function gallery() {
  const chosen = new URL(location.href).searchParams.get('piece') || 'banner';
  document.querySelector('#pieces').innerHTML = Object.entries(PIECES)
    .map(([key, label]) => `<li><a href="?piece=${key}"${key === chosen ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`).join('');
  const frames = [];
  for (const lang of ['en-GB', 'cy']) for (const band of BANDS) {
    const title = `${PIECES[chosen] || chosen}, ages ${band === 'adult' ? '18 and over' : band.replace('-', ' to ')}, ${lang === 'cy' ? 'in Welsh' : 'in English'}`;
    frames.push(`<figure><iframe loading="lazy" title="${esc(title)}" src="/docs/gallery-frame.html?piece=${chosen}&amp;band=${band}&amp;lang=${lang}"></iframe><figcaption>${esc(title)}</figcaption></figure>`);
  }
  document.querySelector('#gallery').innerHTML = `<h2>${esc(PIECES[chosen] || chosen)}</h2>${frames.join('')}`;
}

const run = { config, api, code: report, gallery }[page];
if (run) Promise.resolve().then(run).catch((e) => console.error("Kite docs:", e));
