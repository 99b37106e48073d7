import { Controls } from './components/Controls.tsx';
import { ExperimentSummary } from './components/ExperimentSummary.tsx';
import { PresetMenu, PresetNote } from './components/Presets.tsx';
import { ProblemsNotice } from './components/ProblemsNotice.tsx';
import { EngineError, RunStatus } from './components/RunStatus.tsx';
import { ThemeToggle } from './components/ThemeToggle.tsx';
import { LabPanels } from './panels/LabPanels.tsx';
import { ProbeFingerprint } from './status/ProbeFingerprint.tsx';

/**
 * The lab's layout: a masthead with the engine's status, the presets and the theme; the controls in
 * a sidebar that scrolls on its own; the charts beside them, so at 1280 x 720 the first chart is in view.
 */
export function App() {
  return (
    <div className="app">
      <header className="masthead">
        <h1>Layerscope</h1>
        <p className="tagline">Signals and gradients, layer by layer, at initialization.</p>
        <RunStatus />
        <div className="masthead-tools">
          <PresetMenu />
          <ThemeToggle />
        </div>
      </header>
      <div className="workspace">
        <div className="sidebar">
          <Controls />
        </div>
        <main className="content">
          <ProblemsNotice />
          <PresetNote />
          <div className="experiment-line">
            <ExperimentSummary />
            <ProbeFingerprint />
          </div>
          <EngineError />
          <LabPanels />
        </main>
      </div>
    </div>
  );
}
