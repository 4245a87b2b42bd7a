// A pupil dashboard on Kite: the pupil's age sets the wording and who may consent, the
// teacher's view is declared so the child always sees the sign, photo upload and messages
// get a notice first (data-kite-notice in index.html), and the page follows consent changes.
import { init, type ConsentState, type Kite } from 'kite-privacy';
import { pupil } from './pupil';

const kite: Kite = await init('/kite.json');
for (const error of kite.errors) console.warn(`kite.json ${error.path}: ${error.message}`);

// From the school's records: the wording follows the pupil's age band, and under-13s are
// never asked to consent (a parent or carer is).
const band = kite.setAge({ yearGroup: pupil.yearGroup });
document.querySelector('#pupil')!.textContent = `${pupil.name}, Year ${pupil.yearGroup}`;
document.documentElement.dataset.ageBand = band ?? '';

// Who can see this pupil's activity here: Kite shows the sign in <kite-monitoring>.
kite.monitoring.set([{ by: 'teacher', what: { 'en-GB': 'work and messages', cy: "gwaith a'ch negeseuon" } }]);

// Learning insights run only while the analytics purpose is allowed.
function follow(state: ConsentState) {
  const on = state.services['analytics/insights'] === true;
  document.querySelector('#insights')!.textContent = on
    ? 'On. We count which lessons you open, so teachers can improve them.'
    : 'Off. Nothing about your lessons is counted.';
  if (on) localStorage.setItem('insights_started', new Date().toISOString());
}
follow(kite.consent.get());
kite.consent.onChange(follow);

// Photo upload: Kite showed the homework-photo notice before the file picker opened.
const photo = document.querySelector<HTMLInputElement>('#photo')!;
photo.addEventListener('change', () => {
  const file = photo.files?.[0];
  document.querySelector('#photo-status')!.textContent = file ? `Ready to send: ${file.name}` : '';
});

// Messages: Kite showed the message notice when the box was first used, and warns before a
// message with a phone number, an address or an account name goes.
const chat = document.querySelector<HTMLFormElement>('#chat')!;
chat.addEventListener('submit', (event) => {
  event.preventDefault();
  const box = chat.elements.namedItem('message') as HTMLTextAreaElement;
  const item = document.createElement('li');
  item.textContent = box.value;
  document.querySelector('#sent')!.append(item);
  box.value = '';
});

document.querySelector('#logout')!.addEventListener('click', () => {
  kite.logout(); // the next pupil on this computer starts with the high-privacy defaults
  document.querySelector('#pupil')!.textContent = 'Logged out';
});
