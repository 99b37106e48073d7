import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseQuery } from '../engine/config.ts';
import { App } from './App.tsx';
import { createProbeWorker } from './engine/engineClient.ts';
import { connectEngine } from './store/connectEngine.ts';
import { browserThemeHost, connectTheme } from './store/connectTheme.ts';
import { connectUrl } from './store/connectUrl.ts';
import { LabProvider } from './store/LabContext.tsx';
import { createLabStore } from './store/labStore.ts';
import './styles.css';

// The link is the experiment: read it once here; from now on the store writes it back.
const store = createLabStore(parseQuery(window.location.search));
connectTheme(store, browserThemeHost()); // before the first render, so the page never flashes the other theme
connectUrl(store, window.history, window.location);
const engine = connectEngine(store, createProbeWorker);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabProvider store={store} engine={engine}>
      <App />
    </LabProvider>
  </StrictMode>,
);
