/**
 * The lecture route's pure part: a step's experiment and view, the links between steps, into the
 * full lab ("Try it yourself") and back, and which controls a slide shows. The components in this
 * folder only call these.
 */
import { parseQuery, toQuery, type Config, type ConfigKey } from '../../engine/contract/config.ts';
import type { ExploreView } from '../labs/architectures/exploreView.ts';
import type { ControlGroup } from '../labs/registry.ts';
import { DEFAULT_VIEW, joinQueries, splitViewQuery, type HideTarget, type ViewParams } from '../url/viewQuery.ts';
import { LECTURE_STEPS, stepById, type LectureStep } from './steps.ts';

const configs = new WeakMap<LectureStep, Config>();

/** The step's experiment: every key, so entering the step replaces the whole config. */
export function stepConfig(step: LectureStep): Config {
  let config = configs.get(step);
  if (!config) {
    config = parseQuery(step.query).config;
    configs.set(step, config);
  }
  return config;
}

/** The architecture explorer's view the step opens on (its `view` keys), if any. */
export function stepExplore(step: LectureStep): ExploreView | undefined {
  return step.view ? splitViewQuery(step.view).view.explore : undefined;
}

/** The step shown for a view: its `step`, else the first. */
export function currentStep(view: ViewParams): LectureStep {
  return stepById(view.step) ?? LECTURE_STEPS[0];
}

export function stepIndex(step: LectureStep): number {
  return LECTURE_STEPS.indexOf(step);
}

/** The step n places away, or null past either end. */
export function neighbour(step: LectureStep, by: number): LectureStep | null {
  return LECTURE_STEPS[stepIndex(step) + by] ?? null;
}

/** The view of a step in the lecture: its lab and explorer view; presentation, embed and student view kept. */
export function lectureView(step: LectureStep, view: ViewParams): ViewParams {
  const { explore: _, ...rest } = view;
  const explore = stepExplore(step);
  return { ...rest, panels: [], route: 'lecture', step: step.id, lab: step.lab, ...(explore ? { explore } : {}) };
}

/** What entering a step sets: its experiment and its view. */
export function enterStep(step: LectureStep, view: ViewParams): { readonly config: Config; readonly view: ViewParams } {
  return { config: stepConfig(step), view: lectureView(step, view) };
}

/**
 * The page's start on a lecture link: a link with only `route=lecture&step=...` opens the step's
 * experiment; one that also carries experiment keys (a student changed a control and shared it)
 * opens those. Non-lecture links pass through unchanged.
 */
export function lectureStart(view: ViewParams, configQuery: string, parsed: Config): { readonly config: Config; readonly view: ViewParams } {
  if (view.route !== 'lecture') return { config: parsed, view };
  const step = currentStep(view);
  const entered = enterStep(step, view);
  return {
    config: configQuery === '' ? entered.config : parsed,
    view: { ...entered.view, lab: view.lab ?? step.lab, ...(view.explore ? { explore: view.explore } : {}) },
  };
}

/** A step's own short link (`?route=lecture&step=he`), keeping presentation, embed and the student view. */
export function stepHref(step: LectureStep, view: ViewParams): string {
  const kept: ViewParams = { ...DEFAULT_VIEW, present: view.present, embed: view.embed, route: 'lecture', step: step.id, ...(view.student ? { student: true } : {}) };
  return `?${joinQueries('', kept)}`;
}

/** The full lab on the experiment as it is now, remembering the step to come back to. */
export function tryItView(view: ViewParams): ViewParams {
  const { route: _r, student: _s, ...rest } = view;
  return { ...rest, embed: false, panels: [] };
}

export function tryItHref(config: Config, view: ViewParams): string {
  const query = joinQueries(toQuery(config), tryItView(view));
  return query ? `?${query}` : '?';
}

/** True when the slide's experiment is no longer the step's own (its sentences describe the step's). */
export function changedFromStep(config: Config, step: LectureStep): boolean {
  const own = stepConfig(step);
  return (Object.keys(own) as ConfigKey[]).some((k) => own[k] !== config[k]);
}

const GROUP_OF: Readonly<Record<ControlGroup, readonly ConfigKey[]>> = {
  network: ['depth', 'width', 'act', 'init', 'gain', 'std', 'const', 'bias', 'fan', 'batch', 'input', 'seed'],
  residualgroup: ['residual', 'resform', 'alpha', 'aux1', 'aux2', 'auxw'],
  datagroup: ['data', 'points', 'classes', 'noise', 'split'],
  traininggroup: ['opt', 'lr', 'mom', 'wd', 'evalevery'],
  bngroup: ['norm', 'bnpos', 'bnmom', 'bneps', 'testbn'],
  // wd is the prior's strength too: in the regularization lab it sits with the prior, not the optimizer.
  reggroup: ['ntrain', 'prior', 'wd', 'decay', 'aug', 'pretrain', 'ptsteps', 'ptnoise', 'ptlr'],
  convgroup: ['arch'],
};

/** The controls a slide shows (the keys, and the groups that hold them); every other control is left out. */
export function shownControls(keys: readonly ConfigKey[]): ReadonlySet<HideTarget> {
  const shown = new Set<HideTarget>(keys as HideTarget[]);
  for (const [group, members] of Object.entries(GROUP_OF) as [ControlGroup, readonly ConfigKey[]][]) {
    if (keys.some((k) => members.includes(k))) shown.add(group);
  }
  return shown;
}

/** The controls of a step in the view shown: the step's, or in the student's view the one its question is answered with. */
export function slideControls(step: LectureStep, student: boolean): readonly ConfigKey[] {
  if (!student) return step.controls;
  return step.question.control ? [step.question.control] : [];
}
