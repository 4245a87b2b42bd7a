// Mistakes the types must catch: each line below is an error.
import { init } from 'kite-privacy';
const kite = await init({ revision: '2' });
kite.consent.set({ analytics: 'yes' });
kite.rights.open('complain');
