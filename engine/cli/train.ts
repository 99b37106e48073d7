/**
 * `npm run probe -- "<query>" --steps N [--track]`: train N steps and report, as plain JSON
 * numbers, the per-layer statistics of the last training batch (hidden layers, then the output
 * layer; each hidden layer with its last internal-covariate-shift measurement, `ics`), the
 * metrics, and optionally the percentile track; with vs, each variant's report in `variants` (vs
 * order), the first also as `variant`.
 * Everything printed is a function of
 * the config and N only (timing goes to stderr), so the same seed prints the same numbers.
 */
import { readFileSync } from 'node:fs';
import { toQuery, variantsOf, type Config } from '../contract/config.ts';
import { DATASETS } from '../contract/datasets.ts';
import type { Digits } from '../data/digits.ts';
import { needsDataFile, parseDataFile, type DataFile } from '../data/files.ts';
import { layerReports, type LayerReport } from '../probe/report.ts';
import { EVAL_FIELDS, ICS_FIELDS } from '../contract/trainLayout.ts';
import { measureTraining } from '../train/snapshot.ts';
import { Trainer } from '../train/trainer.ts';
import { parametersFingerprint as fingerprintOf } from '../contract/fingerprint.ts';
import { priorScale } from '../contract/prior.ts';

/** JSON has no NaN or Infinity. */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface TrackRow {
  step: number;
  testAccuracy: number | null;
  /** 15th, 50th, 85th percentiles of the unit's activation input over the test set. */
  input: (number | null)[];
  /** The same for x W + b before batch norm (equal to input without norm=batch&bnpos=before). */
  dense: (number | null)[];
}

/** The last internal-covariate-shift measurement of a hidden layer (engine/train/ics.ts). */
export interface IcsReport {
  step: number;
  inputShift: number | null;
  gradDiff: number | null;
  gradCos: number | null;
}

/** A layer's statistics; a hidden layer's also carry `ics`: its last ICS measurement, or null before the first. */
export type TrainingLayerReport = LayerReport & { ics?: IcsReport | null };

export interface TrainingReport {
  query: string;
  config: Config;
  steps: number;
  metrics: {
    trainLoss: number | null; trainAccuracy: number | null; testLoss: number | null; testAccuracy: number | null;
    step: number; epoch: number; evaluatedAt: number; batchLoss: number | null; batchAccuracy: number | null;
    /** The last batch's output-layer loss alone, and each auxiliary head's ([aux1, aux2], null when off). */
    mainLoss: number | null; auxLosses: (number | null)[];
  };
  divergence: string | null;
  /**
   * The objective L = data term + prior term at the last evaluation (contract/prior.ts): the
   * training cross-entropy (the mean of the mini-batches since the previous evaluation), lambda R(W),
   * and the prior's scale (sigma or b) for lambda on the N training examples.
   */
  objective: {
    prior: Config['prior']; decay: Config['decay']; lambda: number; examples: number;
    sigma: number | null; b: number | null; dataTerm: number | null; priorTerm: number; total: number | null;
  };
  /** FNV-1a of every parameter's bytes: two runs that print the same fingerprint trained the same bits. */
  fingerprint: string;
  /** 1-based number of the output layer in `layers` (the hidden layers come before it). */
  outputLayer: number;
  layers: TrainingLayerReport[];
  track?: { layer: number; unit: number; every: number; rows: TrackRow[] };
  /** The first A/B variant (vs), trained alone for the same steps: its own report, when vs is set. */
  variant?: TrainingReport;
  /** Every A/B variant, in vs order (variant is the first), when vs is set. */
  variants?: TrainingReport[];
  /** Greedy layer-wise pretraining, when pretrain is not none: per layer, and the probes before and after it. */
  pretraining?: PretrainingReport;
}

export interface PretrainingLayerReport {
  layer: number;
  decoder: 'sigmoid' | 'linear';
  loss: 'cross-entropy' | 'squared error';
  steps: number;
  /** Mean reconstruction loss (summed over features, mean over the batch) over the layer's first and last 20 steps. */
  firstLoss: number | null;
  lastLoss: number | null;
}

export interface PretrainingReport {
  mode: 'ae' | 'dae';
  stepsPerLayer: number;
  noise: number;
  layers: PretrainingLayerReport[];
  /** The per-layer probe on the first training batch at step 0: with the initial weights, and with the pretrained ones. */
  before: LayerReport[];
  after: LayerReport[] | null;
}

/** The config's data file from public/, as the page serves it, or null for a generated set. */
export function readDataFile(config: Config): DataFile | null {
  if (!needsDataFile(config)) return null;
  return parseDataFile(config.data, new Uint8Array(readFileSync(new URL(`../../public/${DATASETS[config.data].file}`, import.meta.url))));
}

export function parametersFingerprint(trainer: Trainer): string {
  return fingerprintOf(trainer.params.map((p) => p.value));
}

export function runTraining(
  config: Config, steps: number,
  options: { track: boolean; digits: Digits | null; trained?: (trainer: Trainer) => void; progress?: (line: string) => void },
): TrainingReport {
  const trainer = new Trainer(config, options.digits);
  pretrain(trainer, options.progress);
  trainer.run(steps);
  options.trained?.(trainer);
  if (trainer.metrics.evaluatedAt !== trainer.step) trainer.evaluate();
  const m = trainer.metrics;
  const report: TrainingReport = {
    query: toQuery(config),
    config,
    steps,
    metrics: {
      trainLoss: num(m.trainLoss), trainAccuracy: num(m.trainAccuracy), testLoss: num(m.testLoss), testAccuracy: num(m.testAccuracy),
      step: m.step, epoch: m.epoch, evaluatedAt: m.evaluatedAt, batchLoss: num(m.batchLoss), batchAccuracy: num(m.batchAccuracy),
      mainLoss: num(m.mainLoss), auxLosses: m.auxLosses.map(num),
    },
    divergence: trainer.divergence?.message ?? null,
    objective: objectiveOf(trainer),
    fingerprint: parametersFingerprint(trainer),
    outputLayer: trainer.net.units.length,
    layers: withIcs(layerReports(measureTraining(trainer)), trainer),
  };
  if (options.track) {
    const h = trainer.evalHistory;
    const col = (name: (typeof EVAL_FIELDS)[number]) => EVAL_FIELDS.indexOf(name);
    const rows: TrackRow[] = [];
    for (let r = 0; r < h.rows; r++) {
      rows.push({
        step: h.at(r, col('step')),
        testAccuracy: num(h.at(r, col('testAccuracy'))),
        input: [num(h.at(r, col('trackPreP15'))), num(h.at(r, col('trackPreP50'))), num(h.at(r, col('trackPreP85')))],
        dense: [num(h.at(r, col('trackDenseP15'))), num(h.at(r, col('trackDenseP50'))), num(h.at(r, col('trackDenseP85')))],
      });
    }
    report.track = { layer: config.depth, unit: 0, every: h.every * config.evalevery, rows };
  }
  if (trainer.pretrainer) report.pretraining = pretrainingReport(trainer);
  // Trained separately from the primary: the lockstep loop gives the same numbers (tested in trainLoop.test.ts).
  const variants = variantsOf(config).map((v, i, all) => runTraining(v, steps, {
    track: options.track, digits: options.digits,
    progress: options.progress && ((line) => options.progress!(`${all.length > 1 ? `variant ${i + 1}` : 'variant'}: ${line}`)),
  }));
  if (variants.length > 0) {
    report.variant = variants[0];
    report.variants = variants;
  }
  return report;
}

function objectiveOf(trainer: Trainer): TrainingReport['objective'] {
  const c = trainer.config, n = trainer.dataset.trainCount, scale = priorScale(c.prior, c.wd, n);
  const dataTerm = trainer.metrics.trainLoss, prior = trainer.priorTerm;
  return {
    prior: c.prior, decay: c.decay, lambda: c.prior === 'none' ? 0 : c.wd, examples: n,
    sigma: c.prior === 'gauss' ? num(scale) : null, b: c.prior === 'laplace' ? num(scale) : null,
    dataTerm: num(dataTerm), priorTerm: prior, total: num(dataTerm + prior),
  };
}

/** Each hidden layer's last ICS measurement (the history's last row) into its report. */
function withIcs(layers: LayerReport[], trainer: Trainer): TrainingLayerReport[] {
  const h = trainer.icsHistory, last = h.rows - 1, n = ICS_FIELDS.length;
  return layers.map((layer, l) => {
    if (l >= trainer.config.depth) return layer;
    const at = (field: number) => num(h.at(last, 1 + l * n + field));
    const ics: IcsReport | null = last < 0 ? null : { step: h.at(last, 0), inputShift: at(0), gradDiff: at(1), gradCos: at(2) };
    return { ...layer, ics };
  });
}

/** Metrics and track as CSV tables, printed after the layers' table (blank line between tables). */
export function trainingCsv(report: TrainingReport): string {
  const m = report.metrics;
  const cell = (v: number | null) => (v === null ? '' : String(v));
  let out = `\nstep,train_loss,train_accuracy,test_loss,test_accuracy,divergence\n${m.step},${cell(m.trainLoss)},${cell(m.trainAccuracy)},${cell(m.testLoss)},${cell(m.testAccuracy)},${report.divergence ? JSON.stringify(report.divergence) : ''}\n`;
  out += '\nlayer,ics_step,input_shift,grad_diff,grad_cos\n';
  report.layers.forEach((layer, l) => {
    if (layer.ics !== undefined) out += [l + 1, layer.ics?.step ?? null, layer.ics?.inputShift ?? null, layer.ics?.gradDiff ?? null, layer.ics?.gradCos ?? null].map(cell).join(',') + '\n';
  });
  if (report.track) {
    out += '\nstep,test_accuracy,input_p15,input_p50,input_p85,dense_p15,dense_p50,dense_p85\n';
    for (const r of report.track.rows) out += [r.step, r.testAccuracy, ...r.input, ...r.dense].map(cell).join(',') + '\n';
  }
  return out;
}

function layerLine(trainer: Trainer, l: number): PretrainingLayerReport {
  const p = trainer.pretrainer!, ae = p.autoencoders[l];
  return {
    layer: l + 1, decoder: ae.decoder, loss: ae.loss === 'crossEntropy' ? 'cross-entropy' : 'squared error',
    steps: l < p.layer ? p.stepsPerLayer : l === p.layer ? p.stepInLayer : 0,
    firstLoss: num(p.firstLoss[l]), lastLoss: num(p.lastLoss[l]),
  };
}

/** Pretraining to its end, one line per layer as it finishes (or where it diverged). */
function pretrain(trainer: Trainer, progress: ((line: string) => void) | undefined): void {
  const p = trainer.pretrainer;
  if (!p) return;
  const show = (l: number) => {
    const r = layerLine(trainer, l);
    const f = (x: number | null) => (x === null ? 'not finite' : x.toPrecision(4));
    progress?.(`pretraining layer ${r.layer}/${p.layers} (${trainer.config.pretrain}, ${r.decoder} decoder, ${r.loss}): reconstruction loss ${f(r.firstLoss)} -> ${f(r.lastLoss)} in ${r.steps} steps`);
  };
  let layer = p.layer;
  while (trainer.pretrainStep()) {
    if (p.layer !== layer) {
      show(layer);
      layer = p.layer;
    }
  }
  if (trainer.divergence) {
    if (!p.done) show(p.layer);
    progress?.(`pretraining stopped: ${trainer.divergence.message}`);
  }
}

function pretrainingReport(trainer: Trainer): PretrainingReport {
  const p = trainer.pretrainer!, { before, after } = trainer.pretrainProbes;
  return {
    mode: trainer.config.pretrain === 'dae' ? 'dae' : 'ae', stepsPerLayer: p.stepsPerLayer, noise: p.noise,
    layers: p.autoencoders.map((_, l) => layerLine(trainer, l)),
    before: before ? layerReports(before) : [],
    after: after ? layerReports(after) : null,
  };
}
