/**
 * Test helpers shared by the training tests: the shipped digits, a config from a clean query, and
 * a run's state as bytes (for bit-for-bit comparisons of two runs).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseQuery, type Config } from '../contract/config.ts';
import { parseDigits, type Digits } from '../data/digits.ts';
import { EVAL_FIELDS } from '../contract/trainLayout.ts';
import { Trainer } from '../train/trainer.ts';

/** public/digits.bin, as the page serves it. */
export function loadTestDigits(): Digits {
  return parseDigits(new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url))));
}

/** The config of a query that must parse without a problem. */
export function cleanConfig(query: string): Config {
  const parsed = parseQuery(query);
  expect(parsed.problems).toEqual([]);
  return parsed.config;
}

export function bits(a: Float32Array | Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Everything a run's numbers depend on, as bytes: parameters, running estimates, metrics, histories. */
export function runState(t: Trainer): Uint8Array[] {
  const m = t.metrics;
  return [
    ...t.params.map((p) => bits(p.value)),
    ...t.net.units.flatMap((l) => (l.norm ? [bits(l.norm.runningMean.data), bits(l.norm.runningVar.data)] : [])),
    bits(Float64Array.of(m.batchLoss, m.batchAccuracy, m.trainLoss, m.trainAccuracy, m.testLoss, m.testAccuracy, m.epoch)),
    bits(t.evalHistory.chunk().data),
    bits(t.stepRow),
    bits(t.testPredictions),
  ];
}

/** A run trained `steps` steps, its test set evaluated at the last one. */
export function trainedTo(config: Config, steps: number, data: Digits | null): Trainer {
  const t = new Trainer(config, data);
  t.run(steps);
  if (t.metrics.evaluatedAt !== t.step) t.evaluate();
  return t;
}

/** The evaluation row at this step: the tracked unit's percentiles. */
export function trackAt(t: Trainer, step: number): { p15: number; p50: number; p85: number } {
  const h = t.evalHistory, col = (f: (typeof EVAL_FIELDS)[number]) => EVAL_FIELDS.indexOf(f);
  for (let r = 0; r < h.rows; r++) {
    if (h.at(r, 0) === step) return { p15: h.at(r, col('trackPreP15')), p50: h.at(r, col('trackPreP50')), p85: h.at(r, col('trackPreP85')) };
  }
  throw new Error(`no evaluation at step ${step}`);
}
