import { useId, type ComponentType, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { WhenNear } from '../components/WhenNear.tsx';
import { loadLater } from '../components/loadLater.tsx';
import { useLab } from '../store/LabContext.tsx';
import { useOpenLab } from './useOpenLab.ts';
import { labOf, type PanelDef } from './registry.ts';
// The initialization panels are the first screen: kept in the main bundle (their loaders resolve at once).
import './init/SignalPanel.tsx';
import './init/ComparisonPanel.tsx';
import './init/GradientPanel.tsx';
import './init/DistributionsPanel.tsx';
import '../charts/panels.css';

type Later = ComponentType<{ readonly fallback: ReactNode }>;
const components = new Map<PanelDef, Later>();

/** One component per panel, made once: its code is fetched the first time it is shown. */
function componentOf(panel: PanelDef): Later {
  let c = components.get(panel);
  if (!c) {
    c = loadLater(panel.load);
    components.set(panel, c);
  }
  return c;
}

/**
 * The open lab's panels, in reading order, each in its own error boundary. Where the content
 * column is wide (a 1920 laptop) two columns; one when narrower (a 1280 projector beside the
 * controls), so each chart stays large. An embed shows only the panels its link names.
 */
export function LabPanels() {
  const lab = useOpenLab();
  const shown = useLab(useShallow((s) => {
    const chosen: readonly string[] = s.view.slide ? [s.view.slide] : s.view.embed ? s.view.panels : [];
    return labOf(lab).panels.filter((p) => (p.when?.(s.config) ?? true) && (chosen.length === 0 || chosen.includes(p.id)));
  }));
  return (
    <div className="lab-panels">
      <div className="lab-panels-grid">
        {shown.map((panel) => <Panel key={panel.id} panel={panel} />)}
      </div>
    </div>
  );
}

function Panel({ panel }: { readonly panel: PanelDef }) {
  const Loaded = componentOf(panel);
  return (
    <ErrorBoundary what={panel.title}>
      {panel.near ? <NearPanel><Loaded fallback={<FormulaLoading />} /></NearPanel> : <Loaded fallback={LOADING} />}
    </ErrorBoundary>
  );
}

/** Waits for the engine's first answer, then for the panel to come near the screen. */
function NearPanel({ children }: { readonly children: ReactNode }) {
  const answered = useLab((s) => s.probe !== null || (s.status !== 'idle' && s.status !== 'running'));
  if (!answered) return <FormulaLoading />;
  return <WhenNear placeholder={<FormulaLoading />}>{children}</WhenNear>;
}

const LOADING = <p className="chart-placeholder lab-panel">Loading…</p>;

function FormulaLoading() {
  const titleId = useId();
  return (
    <section className="lab-panel formula-card" aria-labelledby={titleId} aria-busy="true">
      <h2 id={titleId} className="panel-title">The variance recursion</h2>
      <p className="chart-placeholder">Loading the math…</p>
    </section>
  );
}
