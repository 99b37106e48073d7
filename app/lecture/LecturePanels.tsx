import type { ComponentType, ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { loadLater } from '../components/loadLater.tsx';
import type { LecturePanel, LecturePanelId } from './steps.ts';

type Later<P extends object = object> = ComponentType<P & { readonly fallback: ReactNode }>;

// The training and explorer panels' stylesheets come with their labs' index chunks: fetched first.
const training = () => import('../labs/training/index.tsx');
const curves = () => training().then(() => import('../labs/training/CurvesPanels.tsx'));
const residualLayers = () => import('../labs/residual/LayerPanels.tsx');
const architectures = () => import('../labs/architectures/index.tsx');

/** Each panel a slide can open: the labs' own panels, fetched the first time a slide shows one. */
const PANELS: Readonly<Record<LecturePanelId, { readonly title: string; readonly component: Later }>> = {
  signal: { title: 'The signal panel', component: loadLater(() => import('../labs/init/SignalPanel.tsx').then((m) => m.SignalPanel)) },
  gradient: { title: 'The gradient panel', component: loadLater(() => import('../labs/init/GradientPanel.tsx').then((m) => m.GradientPanel)) },
  formula: { title: 'The formula card', component: loadLater(() => import('../labs/init/FormulaCard.tsx').then((m) => m.FormulaCard)) },
  comparison: { title: 'The initializer comparison', component: loadLater(() => import('../labs/init/ComparisonPanel.tsx').then((m) => m.ComparisonPanel)) },
  loss: { title: 'The loss panel', component: loadLater(() => curves().then((m) => m.LossPanel)) },
  accuracy: { title: 'The accuracy panel', component: loadLater(() => curves().then((m) => m.AccuracyPanel)) },
  figure1: { title: 'The Figure 1 panel', component: loadLater(() => training().then(() => import('../labs/training/FigureOnePanel.tsx')).then((m) => m.FigureOnePanel)) },
  ics: { title: 'The covariate shift panel', component: loadLater(() => training().then(() => import('../labs/training/CovariateShiftPanel.tsx')).then((m) => m.CovariateShiftPanel)) },
  resgrad: { title: 'The gradient norm panel', component: loadLater(() => residualLayers().then((m) => m.GradientNormPanel)) },
  jacobian: { title: 'The block Jacobian panel', component: loadLater(() => residualLayers().then((m) => m.BlockJacobianPanel)) },
  auxloss: { title: 'The auxiliary losses panel', component: loadLater(() => import('../labs/residual/StepPanels.tsx').then((m) => m.AuxLossPanel)) },
  conv: { title: 'The convolution arithmetic', component: loadLater(() => architectures().then(() => import('../labs/architectures/ConvArithmeticPanel.tsx')).then((m) => m.ConvArithmeticPanel)) },
  archtable: { title: 'The architecture table', component: loadLater(() => architectures().then(() => import('../labs/architectures/ArchTablePanel.tsx')).then((m) => m.ArchTablePanel)) },
};

const Blocks: Later<{ readonly only?: readonly string[] }> = loadLater(() => architectures().then(() => import('../labs/architectures/BlocksPanel.tsx')).then((m) => m.BlocksPanel));

const LOADING = <p className="chart-placeholder lab-panel">Loading…</p>;

/** A slide's panels, side by side, each in its own error boundary. */
export function LecturePanels({ panels }: { readonly panels: readonly LecturePanel[] }) {
  return (
    <div className="slide-panels" data-count={panels.length}>
      {panels.map((panel) => {
        if (typeof panel === 'string') {
          const { title, component: Panel } = PANELS[panel];
          return <ErrorBoundary key={panel} what={title}><Panel fallback={LOADING} /></ErrorBoundary>;
        }
        const key = `blocks:${panel.blocks.join(',')}`;
        return <ErrorBoundary key={key} what="The block explorer"><Blocks only={panel.blocks} fallback={LOADING} /></ErrorBoundary>;
      })}
    </div>
  );
}
