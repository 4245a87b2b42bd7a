// Tools → Kite report: Kite's own report builder (its WebAssembly, the one
// `npx kite-privacy report` runs) turns the saved config into the Children's Code report and
// the inventory. The Markdown is shown as headings, lists and tables built as DOM nodes from
// marked's tokens (never as HTML), so a school's words in the config are only ever text.

import { el, loadCommands } from './kite-admin.js';

const root = document.getElementById('kite-report');
const config = document.getElementById('kite-report-config').textContent;
const downloads = document.querySelector('.kite-downloads');

/** Inline tokens as text, with code, bold and emphasis kept. */
function inline(tokens = []) {
  return tokens.map((t) => {
    if (t.type === 'codespan') return el('code', {}, t.text);
    if (t.type === 'strong') return el('strong', {}, ...inline(t.tokens));
    if (t.type === 'em') return el('em', {}, ...inline(t.tokens));
    if (t.tokens) return inline(t.tokens);
    return t.text ?? '';
  }).flat();
}

/** Block tokens (headings, paragraphs, lists, tables) as DOM nodes. */
function blocks(tokens) {
  const out = [];
  for (const t of tokens) {
    if (t.type === 'heading') out.push(el(`h${Math.min(t.depth + 1, 6)}`, {}, ...inline(t.tokens)));
    else if (t.type === 'paragraph' || t.type === 'text') out.push(el('p', {}, ...inline(t.tokens)));
    else if (t.type === 'list') out.push(el(t.ordered ? 'ol' : 'ul', {}, ...t.items.map((i) => el('li', {}, ...inline(i.tokens)))));
    else if (t.type === 'table') {
      const head = el('tr', {}, ...t.header.map((c) => el('th', { scope: 'col' }, ...inline(c.tokens))));
      const rows = t.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, ...inline(c.tokens)))));
      out.push(el('div', { class: 'kite-table', tabindex: '0', role: 'region', 'aria-label': t.header.map((c) => c.text).join(', ') },
        el('table', { class: 'widefat striped' }, el('thead', {}, head), el('tbody', {}, ...rows))));
    }
  }
  return out;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function start() {
  const [core, { marked }] = await Promise.all([loadCommands(root.dataset.core), import(root.dataset.marked)]);
  const [status, report, err] = core.runCommand('report', 'settings', config, false);
  const [, inventory] = core.runCommand('inventory', 'settings', config, true);
  if (status === 2 || !report) throw new Error(err || 'the saved settings could not be read');
  root.replaceChildren(...blocks(marked.lexer(report)));
  const site = root.dataset.site || 'school';
  document.getElementById('kite-download-report').addEventListener('click', () => download(`${site}-childrens-code-report.md`, 'text/markdown', report));
  document.getElementById('kite-download-inventory').addEventListener('click', () => download(`${site}-kite-inventory.csv`, 'text/csv', inventory));
  downloads.hidden = false;
}

start().catch((e) => { root.textContent = `The report could not be made: ${e.message}. Reload the page to try again.`; });
