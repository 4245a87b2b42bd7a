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
