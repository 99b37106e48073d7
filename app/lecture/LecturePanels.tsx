import { useState, type ComponentType, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { loadLater } from '../components/loadLater.tsx';
import { LABS } from '../labs/registry.ts';
import type { LecturePanel, LecturePanelId } from './steps.ts';

type Later<P extends object = object> = ComponentType<P & { readonly fallback: ReactNode }>;

// The training and explorer panels' stylesheets come with their labs' index chunks: fetched first.
const training = () => import('../labs/training/index.tsx');
const curves = () => training().then(() => import('../labs/training/CurvesPanels.tsx'));
const residualLayers = () => import('../labs/residual/LayerPanels.tsx');
const architectures = () => import('../labs/architectures/index.tsx');

/** A lab's panel as the registry loads it (the newer labs' panels, by their `panels=` id). */
function fromRegistry(id: string): Later {
  return loadLater(() => {
    const panel = LABS.flatMap((l) => l.panels).find((p) => p.id === id);
    if (!panel) return Promise.reject(new Error(`no panel ${id} in the registry`));
    return panel.load();
  });
}

/** Each panel a slide can open: the labs' own panels, fetched the first time a slide shows one. */
const PANELS: Readonly<Record<LecturePanelId, { readonly label: string; readonly title: string; readonly component: Later }>> = {
  signal: { label: 'Signal', title: 'The signal panel', component: loadLater(() => import('../labs/init/SignalPanel.tsx').then((m) => m.SignalPanel)) },
  gradient: { label: 'Gradient', title: 'The gradient panel', component: loadLater(() => import('../labs/init/GradientPanel.tsx').then((m) => m.GradientPanel)) },
  formula: { label: 'Formula', title: 'The formula card', component: loadLater(() => import('../labs/init/FormulaCard.tsx').then((m) => m.FormulaCard)) },
  comparison: { label: 'Initializers', title: 'The initializer comparison', component: loadLater(() => import('../labs/init/ComparisonPanel.tsx').then((m) => m.ComparisonPanel)) },
  loss: { label: 'Loss', title: 'The loss panel', component: loadLater(() => curves().then((m) => m.LossPanel)) },
  accuracy: { label: 'Accuracy', title: 'The accuracy panel', component: loadLater(() => curves().then((m) => m.AccuracyPanel)) },
  figure1: { label: 'Figure 1', title: 'The Figure 1 panel', component: loadLater(() => training().then(() => import('../labs/training/FigureOnePanel.tsx')).then((m) => m.FigureOnePanel)) },
  ics: { label: 'Covariate shift', title: 'The covariate shift panel', component: loadLater(() => training().then(() => import('../labs/training/CovariateShiftPanel.tsx')).then((m) => m.CovariateShiftPanel)) },
  resgrad: { label: 'Gradient norm', title: 'The gradient norm panel', component: loadLater(() => residualLayers().then((m) => m.GradientNormPanel)) },
  jacobian: { label: 'Block Jacobian', title: 'The block Jacobian panel', component: loadLater(() => residualLayers().then((m) => m.BlockJacobianPanel)) },
  auxloss: { label: 'Auxiliary losses', title: 'The auxiliary losses panel', component: loadLater(() => import('../labs/residual/StepPanels.tsx').then((m) => m.AuxLossPanel)) },
  conv: { label: 'Convolution', title: 'The convolution arithmetic', component: loadLater(() => architectures().then(() => import('../labs/architectures/ConvArithmeticPanel.tsx')).then((m) => m.ConvArithmeticPanel)) },
  augment: { label: 'Augmented batch', title: 'The augmented-batch panel', component: loadLater(() => import('../labs/regularization/augment/index.tsx').then((m) => m.AugmentPanel)) },
  filters: { label: 'Filters', title: 'The filters panel', component: fromRegistry('filters') },
  pretrain: { label: 'Pretraining', title: 'The pretraining panels', component: fromRegistry('pretrain') },
  gap: { label: 'Training and test loss', title: 'The training, test and gap panel', component: fromRegistry('gap') },
  weights: { label: 'Weights and prior', title: 'The weights-and-prior panel', component: fromRegistry('weights') },
  archtable: { label: 'Architecture table', title: 'The architecture table', component: loadLater(() => architectures().then(() => import('../labs/architectures/ArchTablePanel.tsx')).then((m) => m.ArchTablePanel)) },
};

const Blocks: Later<{ readonly only?: readonly string[] }> = loadLater(() => architectures().then(() => import('../labs/architectures/BlocksPanel.tsx')).then((m) => m.BlocksPanel));

const LOADING = <p className="chart-placeholder lab-panel">Loading…</p>;

const keyOf = (panel: LecturePanel) => (typeof panel === 'string' ? panel : `blocks:${panel.blocks.join(',')}`);
const labelOf = (panel: LecturePanel) => (typeof panel === 'string' ? PANELS[panel].label : 'Block explorer');

function OnePanel({ panel }: { readonly panel: LecturePanel }) {
  if (typeof panel === 'string') {
    const { title, component: Panel } = PANELS[panel];
    return <ErrorBoundary what={title}><Panel fallback={LOADING} /></ErrorBoundary>;
  }
  return <ErrorBoundary what="The block explorer"><Blocks only={panel.blocks} fallback={LOADING} /></ErrorBoundary>;
}

/**
 * A slide's panels, side by side, each in its own error boundary. `single` (an 800 x 450 embed,
 * too narrow for two charts): one at a time, with a switch between them.
 */
export function LecturePanels({ panels, single = false, toolbar }: { readonly panels: readonly LecturePanel[]; readonly single?: boolean; readonly toolbar?: ReactNode }) {
  const [shown, setShown] = useState(0);
  const one = single && panels.length > 1;
  const panel = panels[Math.min(shown, panels.length - 1)];
  // The training buttons and the embed's panel switch share one row, so the chart keeps its room.
  const bar = toolbar || one ? (
    <div className="slide-toolbar">
      {toolbar}
      {one && (
        <div className="slide-panel-switch" role="group" aria-label="Panel shown">
          {panels.map((p, i) => (
            <button key={keyOf(p)} type="button" className="button quiet" aria-pressed={p === panel} onClick={() => setShown(i)}>{labelOf(p)}</button>
          ))}
        </div>
      )}
    </div>
  ) : null;
  return (
    <>
      {bar}
      <div className="slide-panels" data-count={one ? 1 : panels.length}>
        {(one ? [panel] : panels).map((p) => <OnePanel key={keyOf(p)} panel={p} />)}
      </div>
    </>
  );
}
