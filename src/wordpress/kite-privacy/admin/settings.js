// Settings → Kite: a form made from the kite.schema.json Kite ships (every field, its help
// text from the schema's description, its choices from its enum), so the form and the config
// are never written twice. "Check and save" runs Kite's own checker (its WebAssembly, the
// one `npx kite-privacy check` runs) and shows each mistake beside its field, with the fix; a
// config with mistakes is not saved.

import { el, loadCommands } from './kite-admin.js';

const root = document.getElementById('kite-settings');
const form = document.getElementById('kite-settings-form');
const hidden = document.getElementById('kite-privacy-config');
const status = document.getElementById('kite-settings-status');
// The screen's words, translatable in PHP (includes/admin.php): {key} marks what is filled in.
const words = JSON.parse(document.getElementById('kite-settings-words').textContent);
const say = (key, fill = {}) => String(words[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => fill[k] ?? '');
let fieldCount = 0;

/** A field's label: the screen's own words for it, or its key in words ("sharedDevice" → "Shared device"). */
function title(key) {
  if (words.labels[key]) return words.labels[key];
  const text = String(key).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A labelled control with its help text and a place for its mistake. */
function labelled(path, label, description, control) {
  const id = `kite-field-${++fieldCount}`;
  control.id = id;
  control.dataset.path = path;
  const help = description ? el('p', { class: 'description', id: `${id}-help` }, description) : null;
  const mistake = el('p', { class: 'kite-mistake', id: `${id}-mistake`, hidden: true });
  control.setAttribute('aria-describedby', [help && help.id, mistake.id].filter(Boolean).join(' '));
  return el('div', { class: 'kite-field' }, el('label', { for: id }, label), control, help, mistake);
}

const isLabelText = (s) => s.anyOf && s.anyOf.some((a) => a.type === 'string') && s.anyOf.some((a) => a.properties && a.properties['en-GB']);
const isNamedOrRange = (s) => s.anyOf && s.anyOf.some((a) => a.enum) && s.anyOf.some((a) => a.type === 'object');
const strings = (s) => s && (s.type === 'string' || (s.anyOf && s.anyOf.every((a) => a.type === 'string' || a.enum)));
const fits = (s, v) => v === undefined || (s.type === 'integer' ? Number.isInteger(v) : s.type === 'number' ? typeof v === 'number'
  : s.type === 'array' ? Array.isArray(v) : s.type === 'string' ? typeof v === 'string' : s.type === 'boolean' ? typeof v === 'boolean'
    : s.type === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v) : false);
/** Of a choice of shapes, the first with its own control that fits the saved value (the simple one, for a new value). */
const shape = (s, v) => s.anyOf?.find((a) => (a.type === 'integer' || a.type === 'number' || a.type === 'boolean' || a.type === 'string'
  || (a.type === 'array' && (strings(a.items) || a.items?.type === 'object'))) && fits(a, v));

/** Kite reads a config nested at most this deep (src/browser/config_source.rs). */
const MAX_DEPTH = 32;

/** Whether `value` nests deeper than `limit`, found without recursion (a pasted value can nest thousands deep). */
function deeperThan(value, limit) {
  const stack = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (depth > limit) return true;
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The control for `schema` at `path` holding `value`: returns { node, read }, where read()
 * gives the value to save, or undefined to leave the field out (Kite's default).
 */
function field(key, schema, value, path) {
  const label = title(key);
  const description = schema.description;
  if (schema.enum) {
    const select = el('select', {}, el('option', { value: '' }, schema.default !== undefined ? say('default_is', { value: schema.default }) : say('default')),
      ...schema.enum.map((v) => el('option', { value: v, selected: v === value }, String(v))));
    return { node: labelled(path, label, description, select), read: () => select.value || undefined };
  }
  if (isLabelText(schema)) {
    const en = el('input', { type: 'text', class: 'regular-text', value: typeof value === 'string' ? value : value?.['en-GB'] ?? '' });
    const cy = el('input', { type: 'text', class: 'regular-text', lang: 'cy', value: typeof value === 'object' && value ? value.cy ?? '' : '' });
    const node = el('div', { class: 'kite-pair' }, labelled(path, say('in_english', { label }), description, en), labelled(path, say('in_welsh', { label }), null, cy));
    return { node, read: () => (en.value.trim() === '' && cy.value.trim() === '' ? undefined : cy.value.trim() ? { 'en-GB': en.value, cy: cy.value } : en.value) };
  }
  if (isNamedOrRange(schema)) {
    const names = schema.anyOf.find((a) => a.enum).enum;
    const range = schema.anyOf.find((a) => a.type === 'object');
    const custom = typeof value === 'object' && value !== null;
    const select = el('select', {}, ...names.map((v) => el('option', { value: v, selected: v === value }, v)), el('option', { value: '(range)', selected: custom }, say('age_range')));
    const min = el('input', { type: 'number', min: 0, max: 120, value: custom ? value.minAge ?? '' : '' });
    const max = el('input', { type: 'number', min: 0, max: 120, value: custom ? value.maxAge ?? '' : '' });
    const ages = el('div', { class: 'kite-range', hidden: !custom }, labelled(`${path}.minAge`, say('youngest'), range.properties.minAge.description, min), labelled(`${path}.maxAge`, say('oldest'), range.properties.maxAge.description, max));
    select.addEventListener('change', () => { ages.hidden = select.value !== '(range)'; });
    const node = el('div', {}, labelled(path, label, description, select), ages);
    const number = (input) => (input.value === '' ? undefined : Number(input.value));
    return { node, read: () => (select.value === '(range)' ? { minAge: number(min), maxAge: number(max) } : select.value) };
  }
  if (schema.type === 'boolean') {
    const box = el('input', { type: 'checkbox', checked: value ?? schema.default ?? false });
    return { node: labelled(path, label, description, box), read: () => (box.checked === (schema.default ?? false) && value === undefined ? undefined : box.checked) };
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const input = el('input', { type: 'number', value: value ?? '', placeholder: schema.default ?? '' });
    return { node: labelled(path, label, description, input), read: () => (input.value === '' ? undefined : Number(input.value)) };
  }
  if (schema.type === 'string') {
    const input = el('input', { type: 'text', class: 'regular-text', value: value ?? '', placeholder: schema.default ?? '' });
    return { node: labelled(path, label, description, input), read: () => (input.value.trim() === '' ? undefined : input.value) };
  }
  if (schema.type === 'array' && strings(schema.items)) {
    const area = el('textarea', { rows: 3, class: 'large-text' });
    area.value = (Array.isArray(value) ? value : []).join('\n');
    return { node: labelled(path, say('one_a_line', { label }), description, area), read: () => { const lines = area.value.split('\n').map((l) => l.trim()).filter(Boolean); return lines.length ? lines : undefined; } };
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return list(key, schema, Array.isArray(value) ? value : [], path);
  }
  if (schema.type === 'object' && schema.properties) {
    return group(label, schema, value && typeof value === 'object' ? value : {}, path);
  }
  // A choice of shapes (a number of days, or one for each answer): the simple one, when it fits.
  const simple = shape(schema, value);
  if (simple) return field(key, { ...simple, description: schema.description ?? simple.description }, value, path);
  // Anything else (a free-form map, a choice of shapes): its JSON, checked like the rest.
  const area = el('textarea', { rows: 3, class: 'large-text code' });
  area.value = value === undefined ? '' : JSON.stringify(value, null, 2);
  return {
    node: labelled(path, say('json', { label }), description, area),
    // JSON that does not parse, or nests deeper than Kite reads, goes to the checker as the
    // text it is, so the mistake shows beside this field.
    read: () => {
      if (area.value.trim() === '') return undefined;
      try { const value = JSON.parse(area.value); return deeperThan(value, MAX_DEPTH) ? area.value : value; } catch { return area.value; }
    },
  };
}

/** An object's fields, in a fieldset. */
function group(label, schema, value, path) {
  const parts = Object.entries(schema.properties).filter(([k]) => k !== '$schema')
    .map(([k, s]) => [k, field(k, s, value[k], path ? `${path}.${k}` : k)]);
  // Each group folds away under its name, so the screen starts short; a mistake opens it.
  const node = path ? el('details', { class: 'kite-group' }, el('summary', {}, label),
    el('fieldset', {}, el('legend', { class: 'screen-reader-text' }, label), schema.description ? el('p', { class: 'description' }, schema.description) : null, ...parts.map(([, p]) => p.node)))
    : el('div', {}, ...parts.map(([, p]) => p.node));
  return {
    node,
    read: () => {
      const out = {};
      for (const [k, p] of parts) { const v = p.read(); if (v !== undefined) out[k] = v; }
      return path && Object.keys(out).length === 0 ? undefined : out;
    },
  };
}

/** A list of objects (purposes, services): each in its own fieldset, with Add and Remove. */
function list(key, schema, values, path) {
  const items = [];
  const holder = el('div', { class: 'kite-list' });
  const name = words.items[key] ?? title(key).toLowerCase();
  const add = (value) => {
    const at = `${path}[${items.length}]`;
    const heading = `${name.charAt(0).toUpperCase()}${name.slice(1)} ${items.length + 1}${typeof value.name === 'string' ? `: ${value.name}` : ''}`;
    const part = group(heading, schema.items, value, at);
    const remove = el('button', { type: 'button', class: 'button-link button-link-delete' }, say('remove', { item: name }));
    const item = { part, node: part.node };
    remove.addEventListener('click', () => { items.splice(items.indexOf(item), 1); item.node.remove(); });
    part.node.querySelector('fieldset').append(remove);
    items.push(item);
    holder.append(part.node);
  };
  values.forEach(add);
  const more = el('button', { type: 'button', class: 'button' }, say('add', { item: name }));
  // A new item opens, with the cursor in its first field.
  more.addEventListener('click', () => { add({}); const { node: added } = items.at(-1); added.open = true; added.querySelector('input, select, textarea')?.focus(); });
  const node = el('details', { class: 'kite-group' }, el('summary', {}, title(key)),
    el('fieldset', {}, el('legend', { class: 'screen-reader-text' }, title(key)), schema.description ? el('p', { class: 'description' }, schema.description) : null, holder, more));
  return { node, read: () => { const out = items.map((i) => i.part.read() ?? {}); return out.length ? out : undefined; } };
}

/** Kite's own checker, loaded once: [status, out, err] as `npx kite-privacy check` gives them. */
let checker;
async function check(text) {
  checker ??= loadCommands(root.dataset.core);
  const core = await checker;
  return core.runCommand('check', 'settings', text, false);
}

function showMistakes(err) {
  for (const p of root.querySelectorAll('.kite-mistake')) { p.hidden = true; p.textContent = ''; }
  for (const c of root.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const lines = err.split('\n').map((l) => l.replace(/^settings: /, '')).filter(Boolean);
  const mistakes = lines.filter((l) => !/^\d+ mistakes? to fix/.test(l));
  let first = null;
  const unplaced = [];
  for (const line of mistakes) {
    const at = line.indexOf(': ');
    const path = at > 0 ? line.slice(0, at) : '';
    const message = at > 0 ? line.slice(at + 2) : line;
    // The field itself, or the nearest one above it (a mistake about a whole purpose).
    let control = null;
    for (let p = path; p && !control;) {
      control = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
      const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      p = up === p ? '' : up;
    }
    if (!control) { unplaced.push(line); continue; }
    const mistake = document.getElementById(`${control.id}-mistake`);
    mistake.textContent = mistake.textContent ? `${mistake.textContent} ${message}` : message;
    mistake.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    for (let d = control.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
    first ??= control;
  }
  return { count: mistakes.length, first, unplaced };
}

async function start() {
  const schema = await (await fetch(root.dataset.schema)).json();
  let saved = {};
  try { saved = JSON.parse(hidden.value || '{}'); } catch { saved = {}; }
  const whole = group('', schema, saved, '');
  root.replaceChildren(whole.node);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = JSON.stringify(whole.read());
    status.textContent = say('checking');
    let result;
    try {
      result = await check(text);
    } catch (e) {
      status.textContent = say('no_checker', { why: e.message });
      return;
    }
    const [code, , err] = result;
    const found = showMistakes(err);
    if (code !== 0) {
      status.textContent = `${say(found.count === 1 ? 'one_to_fix' : 'some_to_fix', { count: found.count })}${found.unplaced.length ? ` ${found.unplaced.join(' ')}` : ''}`;
      found.first?.focus();
      return;
    }
    hidden.value = text;
    status.textContent = say('saving');
    // Submitted without a second submit event (WordPress's own handlers treat one as a
    // double click), and through the prototype: the form's "submit" button shadows form.submit.
    HTMLFormElement.prototype.submit.call(form);
  });
}

start().catch((e) => { root.textContent = say('no_settings', { why: e.message }); });
