import { useId, type ReactNode } from 'react';
import { DistributionsPanel } from './init/DistributionsPanel.tsx';
import { GradientPanel } from './init/GradientPanel.tsx';
import { showsResidualPanels } from './residual/runs.ts';
import { ComparisonPanel } from './init/ComparisonPanel.tsx';
import { SignalPanel } from './init/SignalPanel.tsx';
import { useLab } from '../store/LabContext.tsx';
import type { PanelId } from '../url/viewQuery.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { WhenNear } from '../components/WhenNear.tsx';
import { loadLater } from '../components/loadLater.tsx';
import '../charts/panels.css';

// KaTeX is most of the formula card's weight (~270 kB): load it after the charts, from our own origin.
const FormulaCard = loadLater(() => import('./init/FormulaCard.tsx').then((m) => m.FormulaCard));
// Training's panels load only when a data set is chosen: the initialization lab never pays for them.
const training = () => import('./training/index.tsx');
const trainingViews = () => import('./training/views.tsx');
const CurvesPanels = loadLater(() => training().then((m) => m.CurvesPanels));
const BatchNormTimePanels = loadLater(() => training().then((m) => m.BatchNormTimePanels));
const DataViewPanels = loadLater(() => trainingViews().then((m) => m.DataViewPanels));
const LayerTimePanels = loadLater(() => trainingViews().then((m) => m.LayerTimePanels));
const ResidualPanels = loadLater(() => import('./residual/index.tsx').then((m) => m.ResidualPanels));
const BatchStatsPanels = loadLater(() => trainingViews().then((m) => m.BatchStatsPanels));

/**
 * Every panel of the initialization lab, in reading order. Where the content column is wide (a
 * 1920 laptop) two columns: the signal beside the formula that explains it, the initializers beside
 * the gradients, then the distributions across the whole width (small multiples need it). One
 * column when narrower (a 1280 projector beside the controls), so each chart stays large.
 */
const EVERY: readonly PanelId[] = [];

export function LabPanels() {
  const training = useLab((s) => s.config.data !== 'none');
  const residual = useLab((s) => showsResidualPanels(s.config));
  const chosen = useLab((s) => (s.view.embed ? s.view.panels : EVERY));
  // KaTeX (~80 kB gzipped) waits for the engine's first answer: the first charts need none of it.
  const answered = useLab((s) => s.probe !== null || (s.status !== 'idle' && s.status !== 'running'));
  const show = (id: PanelId) => chosen.length === 0 || chosen.includes(id);
  return (
    <div className="lab-panels">
      <div className="lab-panels-grid">
        {training && show('curves') && <Lazy what="The loss and accuracy panels"><CurvesPanels fallback={LOADING} /></Lazy>}
        {training && show('data') && <Lazy what="The data panel"><DataViewPanels fallback={LOADING} /></Lazy>}
        {training && show('layers') && <Lazy what="The layers-over-time panel"><LayerTimePanels fallback={LOADING} /></Lazy>}
        {show('signal') && <ErrorBoundary what="The signal panel"><SignalPanel /></ErrorBoundary>}
        {show('formula') && (
          <ErrorBoundary what="The formula card">
            {/* KaTeX is most of the card's weight: fetched once the first charts are up and the card is near the screen. */}
            {answered ? (
              <WhenNear placeholder={<FormulaLoading />}>
                <FormulaCard fallback={<FormulaLoading />} />
              </WhenNear>
            ) : <FormulaLoading />}
          </ErrorBoundary>
        )}
        {show('comparison') && <ErrorBoundary what="The initializer comparison"><ComparisonPanel /></ErrorBoundary>}
        {show('gradient') && <ErrorBoundary what="The gradient panel"><GradientPanel /></ErrorBoundary>}
        {residual && show('residual') && <Lazy what="The residual panels"><ResidualPanels fallback={LOADING} /></Lazy>}
        {show('distributions') && <ErrorBoundary what="The distributions panel"><DistributionsPanel /></ErrorBoundary>}
        {training && show('bnstats') && <Lazy what="The batch statistics panel"><BatchStatsPanels fallback={LOADING} /></Lazy>}
        {training && show('bn') && <Lazy what="The batch-norm panels"><BatchNormTimePanels fallback={LOADING} /></Lazy>}
      </div>
    </div>
  );
}

const LOADING = <p className="chart-placeholder lab-panel">Loading…</p>;

/** A lazily loaded section: its own error boundary (a chunk that fails to load is reported there). */
function Lazy({ what, children }: { readonly what: string; readonly children: ReactNode }) {
  return <ErrorBoundary what={what}>{children}</ErrorBoundary>;
}

function FormulaLoading() {
  const titleId = useId();
  return (
    <section className="lab-panel formula-card" aria-labelledby={titleId} aria-busy="true">
      <h2 id={titleId} className="panel-title">The variance recursion</h2>
      <p className="chart-placeholder">Loading the math…</p>
    </section>
  );
}
