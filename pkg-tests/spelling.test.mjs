// Every message Kite shows, spelt right: British English with aspell's en_GB dictionary and
// Welsh with its cy dictionary. Debian's Welsh word list predates words such as "gwefan"
// (website) and "preifatrwydd" (privacy); those, checked by hand, are in
// src/locales/cy.pws. Welsh elision ("mae'r", "sy'n", "gyda'ch") is checked by its stem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';

const locales = path.join(root, 'src', 'locales');

function texts(file) {
  const messages = JSON.parse(fs.readFileSync(path.join(locales, file), 'utf8'));
  // Placeholders such as {site} are filled in by Kite, not read by anyone.
  return Object.values(messages).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v))).map((t) => t.replace(/\{[a-z]+\}/g, ''));
}

function misspelt(lang, words, personal) {
  const run = spawnSync('aspell', ['list', `--lang=${lang}`, '--encoding=utf-8', `--personal=${path.join(locales, personal)}`],
    { input: words.join('\n'), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return [...new Set(run.stdout.split('\n').filter(Boolean))];
}

test('english_messages_are_spelt_in_british_english', () => {
  assert.deepEqual(misspelt('en_GB', texts('en-GB.json'), 'en-GB.pws'), []);
});

test('welsh_messages_are_spelt_in_welsh', () => {
  const words = texts('cy.json').join(' ').split(/[^\p{L}']+/u).filter(Boolean)
    .map((w) => w.replace(/'(r|n|ch|i|u|w|m|th)$/u, ''));
  assert.deepEqual(misspelt('cy', words, 'cy.pws'), []);
});

test('a_misspelling_is_caught', () => {
  assert.deepEqual(misspelt('en_GB', ['Cookies on this sight, we aknowledge'], 'en-GB.pws'), ['aknowledge']);
  assert.deepEqual(misspelt('cy', ['Derbyn y cyfann'], 'cy.pws'), ['cyfann']);
});
