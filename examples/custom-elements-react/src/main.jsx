// Kite's elements are plain HTML: React renders them like <div>, and Kite notices them when
// they appear or go. No wrapper components, no refs, no effects. The same markup works in
// Vue templates and Svelte components.
import 'kite-privacy'; // starts Kite from the #kite-config script in index.html
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [teacherWatching, setTeacherWatching] = useState(false);
  return (
    <>
      <header>
        <h1>Reading club</h1>
        {teacherWatching && <kite-monitoring by="teacher" what="reading log" what-cy="cofnod darllen"></kite-monitoring>}
      </header>
      <main>
        <p>This week: <cite>The Iron Man</cite>, chapters 3 and 4.</p>
        <button type="button" onClick={() => setTeacherWatching((on) => !on)}>
          {teacherWatching ? 'End the reading check' : 'Start the reading check'}
        </button>
      </main>
      <footer>
        <kite-consent></kite-consent>
        <kite-rights></kite-rights>
      </footer>
    </>
  );
}

createRoot(document.getElementById('app')).render(<StrictMode><App /></StrictMode>);
