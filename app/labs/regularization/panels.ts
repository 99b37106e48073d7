/**
 * The regularization lab's panels in reading order: its own (a PanelDef each, fetched when first
 * shown) and, by id, panels it shares with other labs ('data': the decision boundaries of every run
 * side by side on a 2D set, the test digits otherwise). A part of the lab adds a panel as one entry.
 */
import type { PanelDef } from '../registry.ts';
import type { Config } from '../../../engine/contract/config.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';

const hasData = (c: Config) => c.data !== 'none';
const isImageSet = (c: Config) => c.data !== 'none' && DATASETS[c.data].inputShape.length === 3;
const lab = () => import('./index.tsx');

export const REGULARIZATION_PANELS = [
  { id: 'gap', title: 'The training, test and gap panel', when: hasData, load: () => lab().then((m) => m.GapPanel) },
  { id: 'accuracy', title: 'The accuracy panel', when: hasData, load: () => lab().then((m) => m.AccuracyPanel) },
  'data',
  { id: 'augment', title: 'The augmented-batch panel', when: isImageSet, load: () => import('./augment/index.tsx').then((m) => m.AugmentPanel) },
] as const satisfies readonly (PanelDef | 'data' | 'signal' | 'gradient' | 'distributions')[];
