/**
 * The regularization lab's panels in reading order: its own (a PanelDef each, fetched when first
 * shown) and, by id, panels it shares with other labs ('data': the decision boundaries of every run
 * side by side on a 2D set, the test digits otherwise). A part of the lab adds a panel as one entry.
 */
import type { PanelDef } from '../registry.ts';
import { variantsOf, type Config } from '../../../engine/contract/config.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';

const hasData = (c: Config) => c.data !== 'none';
const isImageSet = (c: Config) => c.data !== 'none' && DATASETS[c.data].inputShape.length === 3;
/** Some run (this one or a vs variant) pretrains: the pretraining panels apply. */
const pretrains = (c: Config) => hasData(c) && [c, ...variantsOf(c)].some((r) => r.pretrain !== 'none');
const lab = () => import('./index.tsx');

export const REGULARIZATION_PANELS = [
  { id: 'gap', title: 'The training, test and gap panel', label: 'Training and test loss, the gap', when: hasData, load: () => lab().then((m) => m.GapPanel) },
  { id: 'objective', title: 'The objective panel', label: 'The objective: data + prior', when: hasData, load: () => lab().then((m) => m.ObjectivePanel) },
  { id: 'pretrain', title: 'The pretraining panels', label: 'Layer-wise pretraining', when: pretrains, load: () => import('./pretrain/index.tsx').then((m) => m.PretrainPanels) },
  'data',
  { id: 'augment', title: 'The augmented-batch panel', label: 'Augmented training batch', when: isImageSet, load: () => import('./augment/index.tsx').then((m) => m.AugmentPanel) },
  { id: 'weights', title: 'The weights-and-prior panel', label: 'Weights and the prior', when: hasData, load: () => lab().then((m) => m.WeightsPanel) },
  { id: 'accuracy', title: 'The accuracy panel', label: 'Accuracy', when: hasData, load: () => lab().then((m) => m.AccuracyPanel) },
  'signal',
] as const satisfies readonly (PanelDef | 'data' | 'signal' | 'gradient' | 'distributions')[];
