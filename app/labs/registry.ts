/**
 * The labs: what each one is called, which controls it shows, its presets and its panels, in
 * reading order. The page's panel list, the view keys' panel ids and hide targets, and the preset
 * menu are all read from here, so a new lab is a folder beside this file and one entry below.
 * Nothing here imports a panel: each panel's code is fetched by `load` when the panel is first shown.
 */
import type { ComponentType } from 'react';
import type { Config } from '../../engine/contract/config.ts';
import type { Preset } from '../presets/presets.ts';
import { INIT_PRESETS } from './init/presets.ts';
import { RESIDUAL_PRESETS } from './residual/presets.ts';
import { showsResidualPanels } from './residual/runs.ts';
import { TRAINING_PRESETS } from './training/presets.ts';
import { REGULARIZATION_PANELS } from './regularization/panels.ts';
import { REGULARIZATION_PRESETS } from './regularization/presets.ts';
import { CONV_PRESETS } from './conv/presets.ts';

/** The groups of controls (each a fieldset, each foldable by `hide=`), in the sidebar's order. */
export const CONTROL_GROUPS = ['network', 'residualgroup', 'datagroup', 'traininggroup', 'bngroup', 'reggroup', 'convgroup'] as const;
export type ControlGroup = (typeof CONTROL_GROUPS)[number];

export interface PanelDef {
  /** Its id in `panels=` links. */
  readonly id: string;
  /** What an error message calls it: "The signal panel". */
  readonly title: string;
  /** Shown only for configs this accepts (training panels need a data set); always when absent. */
  readonly when?: (config: Config) => boolean;
  readonly load: () => Promise<ComponentType>;
  /**
   * Fetch the code only once the engine has answered and the panel is within a screen of the
   * viewport (KaTeX is most of the formula card's weight, and the first charts need none of it).
   */
  readonly near?: boolean;
  /** What the share menu calls it ("Decision boundary / digits"), for panels it does not list itself. */
  readonly label?: string;
}

const hasData = (c: Config) => c.data !== 'none';
// Each chunk is fetched once, whichever of its panels asks first.
const training = () => import('./training/index.tsx');
const views = () => import('./training/views.tsx');
const conv = () => import('./conv/index.tsx');
const isArch = (c: Config) => c.arch !== '' && c.data !== 'none';

/** Every panel once, in page order (the order of `panels=` links). */
const PANELS = [
  { id: 'curves', title: 'The loss and accuracy panels', when: hasData, load: () => training().then((m) => m.CurvesPanels) },
  { id: 'data', title: 'The data panel', when: hasData, load: () => views().then((m) => m.DataViewPanels) },
  { id: 'layers', title: 'The layers-over-time panel', when: hasData, load: () => views().then((m) => m.LayerTimePanels) },
  { id: 'signal', title: 'The signal panel', load: () => import('./init/SignalPanel.tsx').then((m) => m.SignalPanel) },
  { id: 'formula', title: 'The formula card', near: true, load: () => import('./init/FormulaCard.tsx').then((m) => m.FormulaCard) },
  { id: 'comparison', title: 'The initializer comparison', load: () => import('./init/ComparisonPanel.tsx').then((m) => m.ComparisonPanel) },
  { id: 'gradient', title: 'The gradient panel', load: () => import('./init/GradientPanel.tsx').then((m) => m.GradientPanel) },
  { id: 'residual', title: 'The residual panels', when: showsResidualPanels, load: () => import('./residual/index.tsx').then((m) => m.ResidualPanels) },
  { id: 'chaos', title: 'The edge-of-chaos panel', load: () => import('./init/ChaosPanel.tsx').then((m) => m.ChaosPanel) },
  { id: 'correlation', title: 'The correlation panel', load: () => import('./init/CorrelationPanel.tsx').then((m) => m.CorrelationPanel) },
  { id: 'distributions', title: 'The distributions panel', load: () => import('./init/DistributionsPanel.tsx').then((m) => m.DistributionsPanel) },
  { id: 'bnstats', title: 'The batch statistics panel', when: hasData, load: () => views().then((m) => m.BatchStatsPanels) },
  { id: 'bn', title: 'The batch-norm panels', when: hasData, load: () => training().then((m) => m.BatchNormTimePanels) },
  { id: 'architectures', title: 'The architecture explorer', load: () => import('./architectures/index.tsx').then((m) => m.ArchitecturePanels) },
  { id: 'convnet', title: 'The network panel', when: isArch, load: () => conv().then((m) => m.NetworkPanel) },
  { id: 'filters', title: 'The filters panel', when: isArch, load: () => conv().then((m) => m.FiltersPanel) },
  { id: 'featuremaps', title: 'The feature-maps panel', when: isArch, load: () => conv().then((m) => m.FeatureMapsPanel) },
  { id: 'convsignal', title: 'The signal and gradient panels', when: isArch, load: () => conv().then((m) => m.ConvSignalPanels) },
  { id: 'convbn', title: 'The batch-norm channels panel', when: isArch, load: () => conv().then((m) => m.ConvNormPanel) },
  { id: 'stream', title: 'The residual stream panel', when: isArch, load: () => conv().then((m) => m.StreamPanel) },
  // The regularization lab's own panels (its list also names shared ones by id).
  ...REGULARIZATION_PANELS.filter((p) => typeof p !== 'string'),
] as const satisfies readonly PanelDef[];

type PanelName = (typeof PANELS)[number]['id'];

/** Sections of the page an embed can show (`panels=`), in page order: the training bar, then every panel. */
export const PANEL_IDS = ['training', ...PANELS.map((p) => p.id)] as const;
export type PanelId = 'training' | PanelName;

/** A panel's label from its definition (the share menu's fallback), else its id. */
export function panelLabel(id: PanelId): string {
  const def: PanelDef | undefined = PANELS.find((p) => p.id === id);
  return def?.label ?? id;
}

export type LabId = 'init' | 'training' | 'residual' | 'architectures' | 'regularization' | 'conv';

export interface LabDefinition {
  readonly id: LabId;
  readonly title: string;
  /** The title's first words, all the lab switch shows where the masthead is tight (presentation mode). */
  readonly short: string;
  /** The control groups its sidebar shows (a group may still hide itself: the optimizer needs a data set). */
  readonly controls: readonly ControlGroup[];
  readonly presets: readonly Preset[];
  readonly panels: readonly PanelDef[];
}

/** The named panels, in the order given (a lab leads with its own). */
const panels = (...ids: PanelName[]): PanelDef[] => ids.map((id) => PANELS.find((p) => p.id === id)!);

export const LABS: readonly LabDefinition[] = [
  {
    id: 'init',
    title: 'Initialization',
    short: 'Initialization',
    controls: ['network'],
    presets: INIT_PRESETS,
    panels: panels('signal', 'formula', 'comparison', 'gradient', 'chaos', 'correlation', 'distributions'),
  },
  {
    id: 'training',
    title: 'Training & batch norm',
    short: 'Training',
    controls: ['network', 'datagroup', 'traininggroup', 'bngroup'],
    presets: TRAINING_PRESETS,
    panels: panels('curves', 'data', 'layers', 'signal', 'gradient', 'distributions', 'bnstats', 'bn'),
  },
  {
    id: 'residual',
    title: 'Residual & auxiliary heads',
    short: 'Residual',
    controls: ['network', 'residualgroup', 'datagroup', 'traininggroup'],
    presets: RESIDUAL_PRESETS,
    panels: panels('residual', 'curves', 'signal', 'gradient', 'distributions'),
  },
  {
    id: 'regularization',
    title: 'Regularization',
    short: 'Regularization',
    controls: ['network', 'datagroup', 'reggroup', 'traininggroup'],
    presets: REGULARIZATION_PRESETS,
    panels: REGULARIZATION_PANELS.map((p) => (typeof p === 'string' ? panels(p)[0] : p)),
  },
  {
    id: 'architectures',
    title: 'Architectures',
    short: 'Architectures',
    controls: [],
    presets: [],
    panels: panels('architectures'),
  },
  {
    id: 'conv',
    title: 'Convolutions',
    short: 'Convolutions',
    controls: ['network', 'convgroup', 'traininggroup'],
    presets: CONV_PRESETS,
    panels: panels('curves', 'convnet', 'filters', 'featuremaps', 'convsignal', 'data', 'convbn', 'stream', 'weights'),
  },
];

export const LAB_IDS: readonly LabId[] = LABS.map((l) => l.id);

export function labOf(id: LabId): LabDefinition {
  return LABS.find((l) => l.id === id) ?? LABS[0];
}

/**
 * The lab a link without `lab=` opens, read from its keys, so links written before there were labs
 * open what they showed then: residual connections or auxiliary heads in the config or a variant
 * open the residual lab, scarce data (ntrain) the regularization lab, a data set the training lab, anything else the initialization lab.
 */
export function impliedLab(config: Config): LabId {
  if (isArch(config)) return 'conv';
  if (showsResidualPanels(config)) return 'residual';
  if (config.ntrain > 0) return 'regularization';
  return config.data !== 'none' ? 'training' : 'init';
}

/** The lab a preset belongs to. */
export function presetLab(preset: Preset): LabId {
  return (LABS.find((l) => l.presets.includes(preset)) ?? LABS[0]).id;
}
