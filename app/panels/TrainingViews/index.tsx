/** What the trained network does to the data, per-layer statistics over time, and batch statistics (mounted by LabPanels; filled in next). */
export function DataViewPanels() {
  return null;
}

export function LayerTimePanels() {
  return null;
}

export function BatchStatsPanels() {
  return null;
}
