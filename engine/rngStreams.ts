/**
 * Every random stream drawn from the config's seed, in one place: deriveSeed(config.seed, n) gives
 * stream n, and two purposes sharing an n draw the SAME sequence (correlated, not independent).
 * Each module imports its own constant from here; rngStreams.test.ts checks the numbers are distinct.
 *
 * A new stream takes a NEW number (the next free one in its decade): never reuse or renumber one,
 * since every number here is part of what a link replays (the golden hashes pin most of them).
 */

/** The probe's draws (experiment.ts): weights, input batch, top gradient, residual projections, auxiliary heads. */
export const STREAM = { weights: 0, input: 1, topGrad: 2, projections: 6, auxHeads: 7 } as const;

/** The data (data/dataset.ts): the toy points, the train/test split, the ntrain per-class subset. */
export const DATA_STREAM = { points: 3, split: 4, subset: 61 } as const;

/** The MLP trainer's mini-batch order (train/trainer.ts). */
export const TRAIN_STREAM = { batches: 5 } as const;

/** The correlation probe's input pair (probe/correlationProbe.ts). */
export const PAIR_STREAM = 11;

/** An architecture run (arch/trainer.ts, arch/cli.ts): weights and mini-batch order. */
export const ARCH_STREAM = { weights: 41, batches: 42 } as const;

/** The effective receptive field (arch/erf.ts): weights, then the random images. */
export const ERF_STREAM = { weights: 51, images: 52 } as const;

/**
 * The training batch's augmentations (data/augment/augmenter.ts). It was 61 until the ntrain subset
 * took 61 too: with ntrain and aug both set, the subset's permutation and the augmentation draws
 * were the same sequence. 62 since.
 */
export const AUG_STREAM = 62;

/** Greedy layer-wise pretraining (pretrain/pretrainer.ts): its mini-batches, the denoising noise, the decoders' weights. */
export const PRETRAIN_STREAM = { batches: 71, noise: 72, decoders: 73 } as const;

/** Every stream of the config's seed, by name (the distinctness test reads this). */
export const CONFIG_SEED_STREAMS = { STREAM, DATA_STREAM, TRAIN_STREAM, PAIR_STREAM, ARCH_STREAM, ERF_STREAM, AUG_STREAM, PRETRAIN_STREAM } as const;

/**
 * The trainability map's cells (trainability/cell.ts) draw from the MAP's seed, not a config's: a
 * seed space of its own, so these numbers may repeat the ones above. The data is the map's (one
 * task for every cell); weights and batches are derived again with the cell's index.
 */
export const TRAINABILITY_STREAM = { train: 1, test: 2, weights: 3, batches: 4 } as const;

/** Every stream number of a registry, labelled (`DATA_STREAM.subset`), in declaration order. */
export function streamNumbers(registry: Readonly<Record<string, number | Readonly<Record<string, number>>>>): { name: string; stream: number }[] {
  return Object.entries(registry).flatMap(([name, value]) =>
    typeof value === 'number' ? [{ name, stream: value }] : Object.entries(value).map(([key, stream]) => ({ name: `${name}.${key}`, stream })));
}
