/** Training curves and the batch-norm lab's time series (panels of the training lab, shown when the config has a data set). */
import { CovariateShiftPanel } from './CovariateShiftPanel.tsx';
import { FigureOnePanel } from './FigureOnePanel.tsx';
import { NormParamsPanel } from './NormParamsPanel.tsx';
import './training-panels.css';

export { CurvesPanels } from './CurvesPanels.tsx';

/** Ioffe & Szegedy's Figure 1, batch norm's parameters and running estimates, and internal covariate shift measured. */
export function BatchNormTimePanels() {
  return (
    <>
      <FigureOnePanel />
      <NormParamsPanel />
      <CovariateShiftPanel />
    </>
  );
}
