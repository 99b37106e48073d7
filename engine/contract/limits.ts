/**
 * What an experiment costs, estimated from its config before anything is allocated, and whether a
 * browser tab can run it. A refused config gets a readable reason instead of a frozen tab or an
 * "Array buffer allocation failed" minutes later.
 */
import { hiddenWidths } from './widths.ts';
import type { Config } from './config.ts';

/** Typed-array memory one probe may hold at once (a tab's worker gets a few GB at best). */
export const MAX_BYTES = 1024 ** 3;
/** Floating-point operations one probe may take: ~30 s at the engine's ~5 GFLOP/s on 2 cores. */
export const MAX_FLOPS = 150e9;

export interface Cost {
  readonly bytes: number;
  readonly flops: number;
}

export function estimateProbeCost(config: Config): Cost {
  const { batch } = config;
  // A widths list: bounded as if every layer were the widest (the input keeps `width`).
  const widths = hiddenWidths(config);
  const depth = widths.length, width = Math.max(config.width, ...widths);
  const inputWidth = width;
  const weights = inputWidth * width + (depth - 1) * width * width;
  // input and its gradient; per layer pre, post, dPre, dPost (residual: up to 2 more, the merge and its gradient)
  const perLayer = config.residual === 1 ? 6 : 4;
  const activations = 2 * batch * inputWidth + perLayer * depth * batch * width;
  const scratch = width * Math.max(width, inputWidth) + batch * width;
  let bytes = 4 * (2 * weights + activations + scratch + 2 * depth * width);
  let flops = 6 * batch * weights; // forward 2, backward 4 multiply-adds per weight and example
  if (config.init === 'orthogonal' || config.init === 'lsuv') {
    flops += 8 * depth * width ** 3; // Gram-Schmidt, twice, per layer
    bytes += 8 * 2 * width * Math.max(width, inputWidth); // float64 work matrix
  }
  if (config.init === 'lsuv') flops += 10 * 2 * batch * weights; // up to 10 rescaled forward passes
  flops += 20 * depth * batch * width; // statistics: a handful of passes over every value
  if (config.residual === 1) flops += 5e6 * depth; // the stream's mean-field theory (density evolution, ~0.4 s at depth 200)
  return { bytes, flops };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

function formatFlops(flops: number): string {
  return flops >= 1e12 ? `${(flops / 1e12).toFixed(1)} TFLOP` : `${(flops / 1e9).toFixed(flops < 1e10 ? 1 : 0)} GFLOP`;
}

/** Why this config is too big for a tab, or null if it fits. */
export function budgetProblem(config: Config): string | null {
  const { bytes, flops } = estimateProbeCost(config);
  const over: string[] = [];
  if (bytes > MAX_BYTES) over.push(`about ${formatBytes(bytes)} of memory (the limit is ${formatBytes(MAX_BYTES)})`);
  if (flops > MAX_FLOPS) over.push(`about ${formatFlops(flops)} of arithmetic (the limit is ${formatFlops(MAX_FLOPS)}, roughly 30 s)`);
  if (over.length === 0) return null;
  return `This experiment (${config.depth} layers × ${config.width} units, batch ${config.batch}) needs ${over.join(' and ')}: more than a browser tab can run smoothly. Use fewer layers, fewer units or a smaller batch.`;
}
