import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseQuery, toQuery } from '../../engine/contract/config.ts';
import { COMPARISONS } from '../labs/architectures/blocks.ts';
import { LAB_IDS, labOf } from '../labs/registry.ts';
import { DEFAULT_VIEW, HIDE_TARGETS, joinQueries, splitViewQuery } from '../url/viewQuery.ts';
import { changedFromStep, currentStep, enterStep, lectureStart, neighbour, shownControls, slideControls, stepConfig, stepHref, tryItHref, tryItView } from './lectureRoute.ts';
import { LECTURE_STEPS, stepById } from './steps.ts';

const step = (id: string) => {
  const s = stepById(id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

describe('the lecture’s steps', () => {
  it('follow the lecture notes in order, each topic once, ids unique', () => {
    const topics = [...new Set(LECTURE_STEPS.map((s) => s.topic))];
    expect(topics).toEqual([
      'MLE and MAP', 'Unsupervised pretraining', 'Exploding and vanishing gradients', 'Batch normalization', 'CNN',
      'Augmentations', 'VGG', 'Network in Network', 'Inception', 'GoogLeNet', 'Residual connections', 'Bottlenecks',
      'Split-transform-merge', 'DenseNet',
    ]);
    expect(new Set(LECTURE_STEPS.map((s) => s.id)).size).toBe(LECTURE_STEPS.length);
    for (const s of LECTURE_STEPS) expect(s.id, s.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('are valid experiments on existing labs, with one or two panels, controls the lab shows and a question', () => {
    for (const s of LECTURE_STEPS) {
      expect(parseQuery(s.query).problems, s.id).toEqual([]);
      expect(LAB_IDS, s.id).toContain(s.lab);
      expect(s.panels.length, s.id).toBeGreaterThanOrEqual(1);
      expect(s.panels.length, s.id).toBeLessThanOrEqual(2);
      expect(s.sentences.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.sentences.length, s.id).toBeLessThanOrEqual(3);
      expect(s.formula.length, s.id).toBeGreaterThan(5);
      expect(s.question.text, s.id).toMatch(/\?/);
      for (const key of s.controls) expect(CONFIG_KEYS, s.id).toContain(key);
      if (s.question.control) expect(CONFIG_KEYS, s.id).toContain(s.question.control);
      // The explorer has no sidebar controls: its panels carry their own fields.
      if (labOf(s.lab).controls.length === 0) expect(s.controls, s.id).toEqual([]);
      if (s.view) expect(splitViewQuery(s.view).problems, s.id).toEqual([]);
      for (const p of s.panels) if (typeof p !== 'string') for (const id of p.blocks) expect(COMPARISONS.map((c) => c.id), s.id).toContain(id);
    }
  });

  it('say honestly which labs are still to come (none now: every step opens its own lab), and open an experiment that exists today', () => {
    const pending = LECTURE_STEPS.filter((s) => s.pending).map((s) => [s.id, s.pending!.issue]);
    expect(pending).toEqual([]);
    expect(LECTURE_STEPS.find((s) => s.id === 'mle-map')?.lab).toBe('regularization');
    for (const s of LECTURE_STEPS.filter((x) => x.pending)) expect(s.sentences.join(' '), s.id).toMatch(/nearest|until|This step opens/i);
  });
});

describe('the lecture route', () => {
  it('enters a step: its experiment replaces the config, its lab and explorer view open', () => {
    const he = enterStep(step('he'), { ...DEFAULT_VIEW, present: true, explore: splitViewQuery('net=vgg16').view.explore! });
    expect(toQuery(he.config)).toBe(toQuery(parseQuery('depth=30&act=relu&init=xavier_normal&vs=init:he_normal').config));
    expect(he.view).toEqual({ ...DEFAULT_VIEW, present: true, route: 'lecture', step: 'he', lab: 'init' });
    const conv = enterStep(step('conv-size'), DEFAULT_VIEW);
    expect(conv.view.lab).toBe('architectures');
    expect(conv.view.explore?.conv).toMatchObject({ n: 8, k: 5, s: 1, p: 0 });
  });

  it('opens a bare lecture link on its step’s experiment, and a shared one on the experiment it carries', () => {
    const bare = splitViewQuery('route=lecture&step=residual');
    const start = lectureStart(bare.view, bare.configQuery, parseQuery(bare.configQuery).config);
    expect(start.config).toEqual(stepConfig(step('residual')));
    expect(start.view.lab).toBe('residual');
    const shared = splitViewQuery('route=lecture&step=residual&depth=80&vs=residual:1');
    const own = lectureStart(shared.view, shared.configQuery, parseQuery(shared.configQuery).config);
    expect(own.config.depth).toBe(80);
    expect(changedFromStep(own.config, step('residual'))).toBe(true);
    // route=lecture without a step (or with a refused one) opens the first step
    const first = splitViewQuery('route=lecture&step=nope');
    expect(lectureStart(first.view, first.configQuery, parseQuery('').config).view.step).toBe(LECTURE_STEPS[0].id);
    // not a lecture link: nothing changes
    const lab = splitViewQuery('depth=3');
    const passed = lectureStart(lab.view, lab.configQuery, parseQuery('depth=3').config);
    expect(passed.view).toBe(lab.view);
  });

  it('every step is a short link that opens it, keeping presentation, embed and the student view', () => {
    for (const s of LECTURE_STEPS) {
      const href = stepHref(s, DEFAULT_VIEW);
      expect(href).toBe(`?route=lecture&step=${s.id}`);
      expect(currentStep(splitViewQuery(href).view)).toBe(s);
    }
    expect(stepHref(step('he'), { ...DEFAULT_VIEW, present: true, embed: true, student: true })).toBe('?present=1&embed=1&route=lecture&step=he&student=1');
    expect(neighbour(LECTURE_STEPS[0], -1)).toBeNull();
    expect(neighbour(LECTURE_STEPS[0], 1)).toBe(LECTURE_STEPS[1]);
    expect(neighbour(LECTURE_STEPS[LECTURE_STEPS.length - 1], 1)).toBeNull();
  });

  it('"Try it yourself" opens the full lab on the experiment and remembers the step; back returns to it', () => {
    const entered = enterStep(step('xavier'), { ...DEFAULT_VIEW, student: true, embed: true });
    const lab = tryItView(entered.view);
    expect(lab.route).toBeUndefined();
    expect(lab.student).toBeUndefined();
    expect(lab.embed).toBe(false);
    expect(lab.step).toBe('xavier');
    const href = tryItHref(entered.config, entered.view);
    expect(href).toBe(`?${joinQueries(toQuery(entered.config), lab)}`);
    expect(href).toContain('step=xavier');
    expect(href).not.toContain('route=');
    const back = splitViewQuery(href.slice(1));
    expect(back.view.step).toBe('xavier');
    expect(stepHref(step(back.view.step!), back.view)).toBe('?route=lecture&step=xavier');
  });

  it('shows only the controls that matter: the keys and the groups holding them', () => {
    const shown = shownControls(['std', 'wd']);
    expect([...shown].sort()).toEqual(['network', 'reggroup', 'std', 'traininggroup', 'wd']);
    for (const target of shown) expect(HIDE_TARGETS).toContain(target);
    expect(slideControls(step('he'), false)).toEqual(['init', 'gain']);
    expect(slideControls(step('he'), true)).toEqual(['gain']);
    expect(slideControls(step('vgg'), true)).toEqual([]);
    for (const s of LECTURE_STEPS) for (const key of [...s.controls, ...(s.question.control ? [s.question.control] : [])]) {
      expect(shownControls([key]).size, `${s.id}: ${key} belongs to a group`).toBeGreaterThanOrEqual(2);
    }
  });
});
