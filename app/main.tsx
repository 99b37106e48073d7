import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseQuery } from '../engine/contract/config.ts';
import { App } from './App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { registerServiceWorker } from './export/registerServiceWorker.ts';
import { createProbeWorker } from './engine/engineClient.ts';
import { connectEngine } from './store/connectEngine.ts';
import { connectTraining } from './store/connectTraining.ts';
import { browserThemeHost, connectTheme } from './store/connectTheme.ts';
import { connectUrl } from './store/connectUrl.ts';
import { LabProvider } from './store/LabContext.tsx';
import { splitViewQuery } from './url/viewQuery.ts';
import { createLabStore } from './store/labStore.ts';
import { impliedLab } from './labs/registry.ts';
import { labStart } from './labs/labStart.ts';
import { lectureStart } from './lecture/lectureRoute.ts';
import './styles.css';

// The link is the experiment: read it once here; from now on the store writes it back.
// View keys (presentation, embeds, hidden controls) are split off first: they never change a number.
const split = splitViewQuery(window.location.search);
const parsed = parseQuery(split.configQuery);
// A lecture link without experiment keys opens its step's experiment (lecture/lectureRoute.ts).
const start = lectureStart(split.view, split.configQuery, parsed.config);
// A link without lab= opens the lab its keys imply; from then on the lab stays put while the config changes.
// One with lab= opens that lab, unless the lab cannot show the link's experiment (labs/labStart.ts).
const named = start.view.lab && start.view.route !== 'lecture' ? labStart(start.view.lab, start.config) : null;
const config = named?.config ?? start.config;
const view = { ...start.view, lab: named?.lab ?? start.view.lab ?? impliedLab(start.config) };
const problems = [...split.problems, ...parsed.problems, ...(named?.problem ? [named.problem] : [])];
const store = createLabStore({ config, problems, openedLink: window.location.search }, view);
connectTheme(store, browserThemeHost()); // before the first render, so the page never flashes the other theme
connectUrl(store, window.history, window.location);
const probeEngine = connectEngine(store, createProbeWorker);
const training = connectTraining(store, probeEngine);
// A restarted worker has lost the training run too: rebuild it at step 0 for the same link.
const engine = { ...probeEngine, restart: () => { probeEngine.restart(); training.restart(); } };

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabProvider store={store} engine={engine} training={training}>
      <ErrorBoundary what="The lab">
        <App />
      </ErrorBoundary>
    </LabProvider>
  </StrictMode>,
);
registerServiceWorker(); // production builds only: opens offline after one visit
