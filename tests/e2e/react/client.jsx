import { useEffect } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.jsx';

// Renders exactly what the server did; flags when hydration has committed.
function Root() {
  useEffect(() => { window.hydrated = true; }, []);
  return <App />;
}

// Any hydration mismatch or error lands here for the test to read.
window.reactErrors = [];
const report = (e) => window.reactErrors.push(String(e?.message ?? e));
hydrateRoot(document.getElementById('root'), <Root />, { onRecoverableError: report, onUncaughtError: report });
