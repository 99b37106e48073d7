import { Controls } from './components/Controls.tsx';
import { ExperimentSummary } from './components/ExperimentSummary.tsx';
import { ProblemsNotice } from './components/ProblemsNotice.tsx';
import { EngineError, RunStatus } from './components/RunStatus.tsx';
import { SecondMomentPanel } from './panels/SecondMoment/SecondMomentPanel.tsx';

export function App() {
  return (
    <div className="app">
      <header className="masthead">
        <h1>Layerscope</h1>
        <p className="tagline">Watch the signal grow or fade, layer by layer, in a deep network at initialization.</p>
      </header>
      <main>
        <ProblemsNotice />
        <section className="experiment" aria-label="Experiment">
          <Controls />
          <div className="experiment-text">
            <ExperimentSummary />
            <RunStatus />
          </div>
        </section>
        <EngineError />
        <SecondMomentPanel />
      </main>
    </div>
  );
}
