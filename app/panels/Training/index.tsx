/** Training curves and the batch-norm lab's time series (mounted by LabPanels; filled in next). */
export function CurvesPanels() {
  return null;
}

export function BatchNormTimePanels() {
  return null;
}
