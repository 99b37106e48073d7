/**
 * The regularization lab (issue 17): priors on the weights (MLE vs MAP) and on the data, on scarce
 * data, every comparison an A/B run in lockstep. Its panels (panels.ts), controls (fieldsets.ts)
 * and presets (presets.ts) are lists a part of the lab adds one entry to.
 */
export { GapPanel } from './GapPanel.tsx';
export { AccuracyPanel } from '../training/CurvesPanels.tsx';
export { ObjectivePanel } from './ObjectivePanel.tsx';
export { WeightsPanel } from './WeightsPanel.tsx';
