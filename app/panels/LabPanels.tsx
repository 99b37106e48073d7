import { lazy, Suspense, useId } from 'react';
import { DistributionsPanel } from './Distributions/DistributionsPanel.tsx';
import { GradientPanel } from './GradientFlow/GradientPanel.tsx';
import { ComparisonPanel } from './InitializerComparison/ComparisonPanel.tsx';
import { SignalPanel } from './SignalByLayer/SignalPanel.tsx';
import './panels.css';

// KaTeX is most of the formula card's weight (~270 kB): load it after the charts, from our own origin.
const FormulaCard = lazy(() => import('./FormulaCard/FormulaCard.tsx').then((m) => ({ default: m.FormulaCard })));

/**
 * Every panel of the initialization lab, in reading order. Where the content column is wide (a
 * 1920 laptop) two columns: the signal beside the formula that explains it, the initializers beside
 * the gradients, then the distributions across the whole width (small multiples need it). One
 * column when narrower (a 1280 projector beside the controls), so each chart stays large.
 */
export function LabPanels() {
  return (
    <div className="lab-panels">
      <div className="lab-panels-grid">
        <SignalPanel />
        <Suspense fallback={<FormulaLoading />}>
          <FormulaCard />
        </Suspense>
        <ComparisonPanel />
        <GradientPanel />
        <DistributionsPanel />
      </div>
    </div>
  );
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
