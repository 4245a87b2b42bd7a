// A dashboard developer's code, type-checked against the installed package's types.
import { init, type KiteConfig, type ConsentState } from 'kite-privacy';

const config: KiteConfig = {
  revision: 3,
  audience: { minAge: 13, maxAge: 18 },
  purposes: [
    { name: 'analytics', services: [{ name: 'stats', label: { 'en-GB': 'Visit counter', cy: 'Cyfrif ymweliadau' }, cookies: ['_stats_*'] }] },
    { name: 'homework', label: 'Online homework', sharing: false },
  ],
  text: { cy: { 'banner.title': 'Cwcis yn Oakfield' } },
  links: { ownHosts: ['oakfield.learning-platform.example'], trusted: ['bbc.co.uk'], stripParameters: ['ref'], newTab: true },
};

const kite = await init(config);
const state: ConsentState = kite.consent.get();
const analyticsOn: boolean = state.purposes.analytics;
kite.consent.set({ analytics: !analyticsOn }, { by: 'guardian' });
const stop: () => void = kite.consent.onChange((s) => console.log(s.decided, s.by));
stop();
document.addEventListener('kite:consent', (e) => console.log(e.detail.purposes));
for (const error of kite.errors) console.log(error.path, error.message);
const link = kite.links.check('https://www.bbc.co.uk/bitesize');
if (link.decision === 'ask') console.log(link.site, link.url, link.reason);
document.addEventListener('kite:link', (e) => console.log(e.detail.outcome, e.detail.site));
const answer: 'ok' | 'not-now' = await kite.notice.show('photo-upload');
if (answer === 'ok') console.log('upload');
kite.rights.open('worry');
const band = kite.setAge({ yearGroup: 7 });
if (band === '10-12') console.log(band);
document.addEventListener('kite:notice', (e) => console.log(e.detail.name, e.detail.answer));
const withNotices: KiteConfig = { notices: { everyTime: false, custom: { homework: { title: 'Sending homework', text: 'Your teacher will see it.', picture: 'photo-upload' } } },
  rights: { email: 'dpo@oakfield.sch.uk', routes: { worry: { url: '/worried' } }, help: ['childline', { label: 'Kooth', url: 'https://www.kooth.com/' }] },
  privacyNotice: { url: '/privacy', changes: 'We no longer use the quiz app.' } };
console.log(withNotices);
const mistakes = await kite.monitoring.set([{ by: 'parent', what: 'progress' }, { by: 'teacher', what: { 'en-GB': 'work', cy: 'gwaith' } }]);
for (const m of mistakes) console.log(m.path, m.message);
kite.monitoring.clear();
document.addEventListener('kite:guard', (e) => console.log(e.detail.kinds.join(' '), e.detail.outcome));
const guarded: KiteConfig = { guard: { mode: 'block' }, monitoring: [{ by: 'school', what: 'messages' }] };
console.log(guarded);
const cleaned: KiteConfig = { purposes: [{ name: 'analytics', services: [{ name: 'stats', storage: { localStorage: ['stats_*'], indexedDB: ['stats-db'], caches: ['stats-v*'] } }] }] };
console.log(cleaned);
kite.sharedDevice();
kite.logout();
const school: KiteConfig = { sharedDevice: true, consentMaxAgeDays: { accept: 90, reject: 365 } };
console.log(school);
const proof = kite.consent.receipt();
if (proof) console.log(proof.receipt, proof.time, proof.wording.length, proof.choices.analytics);
const collected: KiteConfig = { receipts: { endpoint: '/consent-receipts' } };
console.log(collected);
const dpia: string | null = await kite.report('inventory-csv');
console.log(dpia, await kite.report(), (await kite.audit()).length);
