// One gallery piece: Kite itself, in the age band and language the address names, showing one
// piece of its UI. The gallery page puts one of these in each of its frames.
import { init } from '/kite/kite.js';

const params = new URL(location.href).searchParams;
const piece = params.get('piece') || 'banner';
const lang = params.get('lang') === 'cy' ? 'cy' : 'en-GB';
const AGES = { '0-5': 5, '6-9': 8, '10-12': 11, '13-15': 14, '16-17': 16, adult: 30 };
document.documentElement.lang = lang;

const kite = await init({
  revision: 1,
  audience: { minAge: 4, maxAge: 99 },
  purposes: [
    { name: 'analytics', services: [{ name: 'stats', label: { 'en-GB': 'Visit counter', cy: 'Cyfrif ymweliadau' } }] },
    { name: 'functional', services: [{ name: 'video', label: { 'en-GB': 'Video player', cy: 'Chwaraewr fideo' }, description: { 'en-GB': 'Plays the open evening video.', cy: "Yn chwarae fideo'r noson agored." } }] },
  ],
  rights: { email: 'dpo@oakfield.example' },
  settingsButton: false,
});
kite.setAge(AGES[params.get('band')] ?? 30);
if (piece !== 'banner') kite.consent.set('none');
const show = {
  preferences: () => kite.consent.show(),
  notice: () => document.querySelector('#photo').click(),
  leaving: () => document.querySelector('#away').click(),
  location: () => navigator.geolocation.getCurrentPosition(() => {}, () => {}),
  monitoring: () => kite.monitoring.set([{ by: 'teacher', what: { 'en-GB': 'work and messages', cy: "gwaith a'ch negeseuon" } }]),
  guard: () => {
    const box = document.querySelector('#message');
    box.value = 'text me on 07700 900123';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector('#chat').requestSubmit();
  },
  rights: () => kite.rights.open(),
}[piece];
if (show) show();
document.body.dataset.ready = piece;
