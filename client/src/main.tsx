import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './theme/base.css';
import './theme/panels.css';
import { languageFromUrl, setupI18n } from './i18n/setup';
import { connectLive } from './live/connect';
import { tabletLink } from './command/link';
import { isCommandRoute } from './command/route';
import { isRiskRoute } from './risk/route';
import { isOfficerRoute } from './officer/route';
import { pollWall } from './wall/poll-wall';
import { createAppStore } from './store/create-app-store';
import { StoreContext } from './store/use-app-store';

setupI18n(languageFromUrl(window.location.search));

const store = createAppStore();
const tablet = isCommandRoute(window.location.pathname);
// The officer's phone (/report) holds no live picture: no socket on a weak link.
const officer = isOfficerRoute(window.location.pathname);
const socket = officer
  ? undefined
  : connectLive(store, undefined, undefined, tablet ? tabletLink.handshake : undefined);
if (tablet && socket) tabletLink.attach(socket);
// Hazards whose readings go stale turn offline without any message arriving.
setInterval(() => store.getState().tick(), 1_000);
// The wall's settings (roster, plan, its language) are the wall's; the tablet does without.
if (!tablet && !officer && !isRiskRoute(window.location.pathname))
  pollWall(store, { languageFromUrl: new URLSearchParams(window.location.search).has('lang') });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
