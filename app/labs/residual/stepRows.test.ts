import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/contract/config.ts';
import { EVAL_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { DecimatingSeries } from '../../../engine/contract/series.ts';
import { STEP_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { createRunHistory } from '../../store/runHistory.ts';
import type { RunView } from '../../store/trainSlice.ts';
import {
  auxHeads, auxLines, auxTableSeries, degradationLines, degradationSummary, degradationTableSeries, trailingMean, type StepRun,
} from './stepRows.ts';

/** A run view whose history holds these evaluations and per-step rows (named columns; the rest NaN). */
function runView(evals: readonly Partial<Record<(typeof EVAL_FIELDS)[number], number>>[], steps: readonly Partial<Record<string, number>>[]): RunView {
  const history = createRunHistory();
  history.evals = new DecimatingSeries(EVAL_FIELDS.length, 64);
  for (const e of evals) history.evals.offer(EVAL_FIELDS.map((f) => e[f] ?? NaN));
  const fields = STEP_FIELDS as readonly string[];
  history.steps = new DecimatingSeries(fields.length, 64);
  for (const s of steps) history.steps.offer(fields.map((f) => s[f] ?? NaN));
  return { status: 'paused', metrics: { step: 100 } as RunView['metrics'], divergence: null, fingerprint: null, stepsPerSecond: 0, probe: null, norm: null, boundary: null, weights: null, testPredictions: null, history, version: 1 };
}

const config = (q: string) => parseQuery(q).config;
const evals = (losses: readonly number[]) => losses.map((trainLoss, i) => ({ step: i * 50, trainLoss }));
const steps = (n: number, row: (i: number) => Partial<Record<string, number>>) => Array.from({ length: n }, (_, i) => ({ step: i + 1, ...row(i + 1) }));

describe('trailingMean', () => {
  it('averages the values whose step is within the window before each row', () => {
    expect([...trailingMean([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 2)]).toEqual([1, 1.5, 2.5, 3.5, 4.5]);
    expect([...trailingMean([10, 20, 40], [2, 4, 6], 25)]).toEqual([2, 3, 5]); // thinned rows: by step, not by count
  });

  it('reads NaN while a NaN is in the window, and recovers after it leaves', () => {
    const out = [...trailingMean([1, 2, 3, 4], [1, NaN, 3, 5], 2)];
    expect(out[0]).toBe(1);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeNaN();
    expect(out[3]).toBe(4);
  });
});

describe('degradation', () => {
  const c = config('data=spiral&depth=30&vs=depth:6;residual:1');
  const runs: StepRun[] = [
    { name: '30 layers, plain', color: 'a', config: c, run: runView(evals([NaN, 0.69, 0.69]), steps(100, () => ({ batchLoss: 0.7 }))) },
    { name: '6 layers, plain', color: 'b', config: c, run: runView(evals([NaN, 0.4, 0.12]), steps(100, () => ({ batchLoss: 0.1 }))) },
    { name: '30 layers, residual', color: 'c', config: c, run: runView(evals([NaN, 0.3, 0.05]), steps(100, () => ({ batchLoss: 0.05 }))) },
  ];

  it('draws each run’s training loss (without step 0’s NaN), then each mini-batch’s, faint', () => {
    const lines = degradationLines(runs);
    expect(lines.map((l) => [l.id, l.style ?? 'solid'])).toEqual([
      ['run-0-train', 'solid'], ['run-1-train', 'solid'], ['run-2-train', 'solid'],
      ['run-0-batch', 'faint'], ['run-1-batch', 'faint'], ['run-2-batch', 'faint'],
    ]);
    expect(Array.from(lines[1].steps)).toEqual([50, 100]);
    expect(lines[1].label).toBe('training loss (6 layers, plain)');
    expect(degradationTableSeries(runs).map((s) => s.header)).toEqual(['30 layers, plain', '6 layers, plain', '30 layers, residual']);
  });

  it('sums it up at the latest step every run has reached', () => {
    expect(degradationSummary(runs)).toBe('Training loss at step 100: 30 layers, plain 0.69 · 6 layers, plain 0.12 · 30 layers, residual 0.05');
    expect(degradationSummary([{ ...runs[0], run: runView(evals([NaN]), []) }])).toBeNull();
  });
});

describe.runIf((STEP_FIELDS as readonly string[]).includes('mainLoss'))('auxiliary losses', () => {
  const c = config('data=digits&depth=12&aux1=4&aux2=8&evalevery=2');
  const run = runView([{ step: 0 }, { step: 2 }, { step: 4 }], steps(4, (i) => ({ batchLoss: 9, mainLoss: 2 / i, auxLoss1: 1, auxLoss2: i })));

  it('reads the heads of a config', () => {
    expect(auxHeads(c)).toEqual([{ field: 'auxLoss1', layer: 4 }, { field: 'auxLoss2', layer: 8 }]);
    expect(auxHeads(config('data=digits&aux2=3'))).toEqual([{ field: 'auxLoss2', layer: 3 }]);
  });

  it('draws the main loss solid and each head dashed, smoothed over the window', () => {
    const lines = auxLines([{ name: '', color: 'a', config: c, run }], 2);
    expect(lines.map((l) => [l.label, l.style ?? 'solid'])).toEqual([
      ['main loss', 'solid'], ['aux loss, head at layer 4', 'dashed'], ['aux loss, head at layer 8', 'dashed'],
    ]);
    expect(Array.from(lines[0].values)).toEqual([2, 1.5, (1 + 2 / 3) / 2, (2 / 3 + 0.5) / 2]);
    expect(Array.from(lines[2].values)).toEqual([1, 1.5, 2.5, 3.5]);
    const table = auxTableSeries([{ name: '', color: 'a', config: c, run }], 2);
    expect(table.map((s) => s.header)).toEqual(['main loss', 'aux @ layer 4', 'aux @ layer 8']);
    // Rows at the evaluations the steps have reached (not step 0, before the first step).
    expect(Array.from(table[0].steps)).toEqual([2, 4]);
    expect(Array.from(table[0].values)).toEqual([1.5, (2 / 3 + 0.5) / 2]);
  });
});
