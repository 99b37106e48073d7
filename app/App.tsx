import { Controls } from './components/Controls.tsx';
import { ExperimentSummary } from './components/ExperimentSummary.tsx';
import { PresentToggle, ShortcutsButton } from './components/present/PresentToggle.tsx';
import { SharePanel } from './components/present/SharePanel.tsx';
import { Slides, SlidesButton } from './components/present/Slides.tsx';
import { ShortcutsOverlay } from './components/present/ShortcutsOverlay.tsx';
import { PresetMenu, PresetNote } from './components/Presets.tsx';
import { ProblemsNotice } from './components/ProblemsNotice.tsx';
import { EngineError, RunStatus } from './components/RunStatus.tsx';
import { ThemeToggle } from './components/ThemeToggle.tsx';
import { TrainingBar } from './labs/training/TrainingBar.tsx';
import { LAB_PANEL_ID, LabSwitch, labTabId } from './components/LabSwitch.tsx';
import { useOpenLab } from './labs/useOpenLab.ts';
import { ModelExportButton } from './export/ModelExportButton.tsx';
import { LabPanels } from './labs/LabPanels.tsx';
import { labOf } from './labs/registry.ts';
import { ProbeFingerprint, TrainingFingerprint } from './status/ProbeFingerprint.tsx';
import './components/present/present.css';
import { FitContext, PresentContext } from './charts/presentContext.ts';
import { StepAxisContext } from './charts/stepAxisContext.ts';
import { useLab, useLabStore, useTrainingControls } from './store/LabContext.tsx';
import { useShortcuts } from './components/present/useShortcuts.ts';
import type { HideTarget } from './url/viewQuery.ts';

/**
 * The lab's layout: a masthead with the lab switch, the engine's status, the presets and the theme;
 * the open lab's controls in a sidebar and its charts beside them, each column scrolling on its
 * own, so at 1280 x 720 every control can be reached and the first chart is in view.
 * Presentation mode (P) enlarges everything and folds the controls into a slim bar; an embed
 * (embed=1) shows only its panels; `hide=` folds away what a lecturer leaves out.
 */
export function App() {
  const stepAxis = useLab((s) => s.stepAxis);
  const view = useLab((s) => s.view);
  const lab = useOpenLab();
  useShortcuts(useLabStore(), useTrainingControls());
  const shown = (t: HideTarget) => !view.hide.includes(t);
  // A lab without controls of its own (the architecture explorer) has no sidebar, summary or training bar.
  const ownControls = labOf(lab).controls.length > 0;
  const sidebar = shown('controls') && ownControls;
  if (view.slide) return <Slides />;
  if (view.embed) return <Embed />;
  const className = view.present ? 'app present' : 'app';
  return (
    <PresentContext.Provider value={view.present}>
    <FitContext.Provider value={view.present}>
    <StepAxisContext.Provider value={stepAxis}>
    <div className={className}>
      <header className="masthead">
        <h1>Layerscope</h1>
        <p className="tagline">Signals and gradients, layer by layer, at initialization and in training.</p>
        {shown('labs') && <LabSwitch />}
        {shown('status') && ownControls && <RunStatus />}
        <div className="masthead-tools">
          {shown('presets') && <PresetMenu />}
          <PresentToggle />
          <SlidesButton />
          <SharePanel />
          <ShortcutsButton />
          {shown('theme') && <ThemeToggle />}
        </div>
      </header>
      <div className={sidebar ? 'workspace' : 'workspace no-sidebar'} id={LAB_PANEL_ID}
        {...(shown('labs') ? { role: 'tabpanel', 'aria-labelledby': labTabId(lab) } : {})}>
        {sidebar && (
          view.present ? (
            <details className="sidebar slim">
              <summary className="button quiet">Controls</summary>
              <Controls />
            </details>
          ) : (
            <div className="sidebar">
              <Controls />
            </div>
          )
        )}
        <main className="content">
          <ProblemsNotice />
          <PresetNote />
          {shown('summary') && ownControls && (
            <div className="experiment-line">
              <ExperimentSummary />
              <ProbeFingerprint />
              <TrainingFingerprint />
              <ModelExportButton />
            </div>
          )}
          <EngineError />
          {lab !== 'init' && ownControls && <TrainingBar />}
          <LabPanels />
        </main>
      </div>
      <ShortcutsOverlay />
    </div>
    </StepAxisContext.Provider>
    </FitContext.Provider>
    </PresentContext.Provider>
  );
}

/** embed=1: the chosen panels and nothing else, filling the frame, with a way to the full lab. */
function Embed() {
  const present = useLab((s) => s.view.present);
  const panels = useLab((s) => s.view.panels);
  const stepAxis = useLab((s) => s.stepAxis);
  const href = typeof window === 'undefined' ? '' : window.location.href.replace(/([?&])embed=1&?/, '$1').replace(/([?&])panels=[^&]*&?/, '$1').replace(/[?&]$/, '');
  return (
    <PresentContext.Provider value={present}>
    <FitContext.Provider value>
    <StepAxisContext.Provider value={stepAxis}>
    <div className={present ? 'app embed present' : 'app embed'}>
      <main className="content">
        <EngineError />
        {(panels.length === 0 || panels.includes('training')) && <TrainingBar />}
        <LabPanels />
        <p className="embed-credit"><a href={href} target="_blank" rel="noopener">Open in Layerscope</a></p>
      </main>
    </div>
    </StepAxisContext.Provider>
    </FitContext.Provider>
    </PresentContext.Provider>
  );
}
