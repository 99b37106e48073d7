/**
 * The regularization lab's panels in reading order: its own (a PanelDef each, fetched when first
 * shown) and, by id, panels it shares with other labs ('data': the decision boundaries of every run
 * side by side on a 2D set, the test digits otherwise). A part of the lab adds a panel as one entry.
 */
import type { PanelDef } from '../registry.ts';
import type { Config } from '../../../engine/contract/config.ts';

const hasData = (c: Config) => c.data !== 'none';
const lab = () => import('./index.tsx');

export const REGULARIZATION_PANELS = [
  { id: 'gap', title: 'The training, test and gap panel', label: 'Training and test loss, the gap', when: hasData, load: () => lab().then((m) => m.GapPanel) },
  { id: 'objective', title: 'The objective panel', label: 'The objective: data + prior', when: hasData, load: () => lab().then((m) => m.ObjectivePanel) },
  'data',
  { id: 'weights', title: 'The weights-and-prior panel', label: 'Weights and the prior', when: hasData, load: () => lab().then((m) => m.WeightsPanel) },
  { id: 'accuracy', title: 'The accuracy panel', label: 'Accuracy', when: hasData, load: () => lab().then((m) => m.AccuracyPanel) },
  'signal',
] as const satisfies readonly (PanelDef | 'data' | 'signal' | 'gradient' | 'distributions')[];
