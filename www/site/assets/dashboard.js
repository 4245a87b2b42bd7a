// The demo dashboard's own code: it uses the browser's location, camera and a chat box the
// way any dashboard would. It knows nothing about Kite; Kite guards these for every script.
const $ = (id) => document.getElementById(id);

// The dashboard knows its pupil: Sam is in Year 7, so Kite words everything for 10 to 12.
window.kite?.setAge({ yearGroup: 7 });

$('find-library').addEventListener('click', () => {
  $('library').textContent = 'Looking…';
  navigator.geolocation.getCurrentPosition(
    (p) => { $('library').textContent = `Nearest library: Hexham Library (you are at ${p.coords.latitude.toFixed(2)}, ${p.coords.longitude.toFixed(2)}).`; },
    (e) => { $('library').textContent = e.code === e.PERMISSION_DENIED ? 'OK, we won’t use your location. Search by town instead.' : 'We couldn’t find you just now.'; },
  );
});

let walk = null;
$('start-walk').addEventListener('click', () => {
  if (walk !== null) return;
  let updates = 0;
  walk = navigator.geolocation.watchPosition(
    () => { updates += 1; $('walk').textContent = `Tracking: ${updates} update${updates === 1 ? '' : 's'}.`; },
    (e) => { walk = null; $('walk').textContent = e.code === e.PERMISSION_DENIED ? 'Not tracking.' : 'Lost the signal.'; },
  );
});
$('stop-walk').addEventListener('click', () => {
  if (walk !== null) navigator.geolocation.clearWatch(walk);
  walk = null;
  $('walk').textContent = 'Stopped.';
});

let stream = null;
$('record').addEventListener('click', async () => {
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    $('preview').srcObject = stream;
    $('camera').textContent = 'Recording.';
  } catch (e) {
    $('camera').textContent = e.name === 'NotAllowedError' ? 'OK, the camera stays off.' : 'No camera found.';
  }
});
$('stop-record').addEventListener('click', () => {
  stream?.getTracks().forEach((t) => t.stop());
  stream = null;
  $('camera').textContent = 'Camera off.';
});

$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('chat-box').value.trim();
  if (!text) return;
  const item = document.createElement('li');
  item.textContent = `You: ${text}`;
  $('chat').append(item);
  $('chat-box').value = '';
});
