/** A trainer's pretraining as the page draws it (contract/pretrain.ts's PretrainView). */
import { probeTransferables, type ProbeData } from '../contract/probeLayout.ts';
import type { PretrainView } from '../contract/pretrain.ts';
import type { Trainer } from '../train/trainer.ts';

function copyProbe(p: ProbeData): ProbeData {
  return { ...p, widths: p.widths.slice(), stats: p.stats.slice(), preHist: p.preHist.slice(), actHist: p.actHist.slice() };
}

/**
 * The view of the trainer's pretraining, or null without it. probes: include copies of the
 * probes before and after pretraining (the loop sends them once per run and once more when
 * pretraining ends); images: include the reconstructions (image data only).
 */
export function pretrainView(trainer: Trainer, probes: { before: boolean; after: boolean }): PretrainView | null {
  const p = trainer.pretrainer;
  if (!p) return null;
  const d = trainer.dataset, { before, after } = trainer.pretrainProbes;
  return {
    mode: trainer.config.pretrain === 'dae' ? 'dae' : 'ae',
    layers: p.layers,
    stepsPerLayer: p.stepsPerLayer,
    layer: p.layer,
    stepInLayer: p.stepInLayer,
    stepsDone: p.stepsDone,
    decoders: p.autoencoders.map((ae) => ae.decoder),
    losses: p.losses.map((s) => s.chunk()),
    firstLoss: p.firstLoss.slice(),
    lastLoss: p.lastLoss.slice(),
    reconstructions: d.imageShape ? p.reconstruct(d.testInputs, d.testCount, d.inputMean, d.inputScale) : null,
    before: probes.before && before ? copyProbe(before) : null,
    after: probes.after && after ? copyProbe(after) : null,
  };
}

export function pretrainTransferables(v: PretrainView): ArrayBuffer[] {
  const out: ArrayBufferLike[] = [v.firstLoss.buffer, v.lastLoss.buffer, ...v.losses.map((s) => s.data.buffer)];
  if (v.reconstructions) out.push(v.reconstructions.inputs.buffer, v.reconstructions.decoded.buffer);
  if (v.before) out.push(...probeTransferables(v.before));
  if (v.after) out.push(...probeTransferables(v.after));
  return out as ArrayBuffer[];
}
