/**
 * The training objective with auxiliary classifiers (Szegedy et al. 2015, GoogLeNet):
 *   L = L(y, y_hat) + lambda L(y, y_hat_1) + lambda L(y, y_hat_2),
 * each L the softmax cross-entropy (mean over the batch) of one head's logits: the output layer's,
 * and each auxiliary head's on the hidden layer it reads. Buffers are allocated once.
 */
import { forwardHeads, type Cache, type Network } from '../model/network.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { softTargetCrossEntropyBackward, softTargetCrossEntropyForward } from '../ops/softTargetCrossEntropy.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';

/** The auxiliary slots of a config: aux1 and aux2 (STEP_FIELDS' auxLoss1 and auxLoss2). */
export const AUX_SLOTS = 2;

export class Objective {
  /** The last batch's losses: the output layer's, and each auxiliary slot's (NaN when the slot is off). */
  mainLoss = NaN;
  readonly auxLosses = new Float64Array(AUX_SLOTS).fill(NaN);
  /** Softmax of the output layer's logits (countCorrect reads it). */
  readonly probs: Tensor;
  private readonly headProbs: Tensor[];
  private readonly net: Network;
  private readonly weight: number;
  /** slot -> index in net.heads, or -1. */
  private readonly slots: Int32Array;

  /** slots[s]: the head of auxiliary slot s in net.heads, or -1; weight: lambda. */
  constructor(net: Network, batch: number, classes: number, slots: readonly number[], weight: number) {
    this.net = net;
    this.weight = weight;
    this.slots = Int32Array.from(slots);
    this.probs = zerosTensor([batch, classes]);
    this.headProbs = net.heads.map((h) => zerosTensor([batch, h.unit.fanOut]));
  }

  /**
   * After forward(net, cache): the heads' logits, every loss, and the total objective. With soft
   * targets (mixup's, batch x classes), every head's loss is taken against them instead of labels.
   */
  forward(cache: Cache, labels: Int32Array, targets: Float32Array | null = null): number {
    const net = this.net;
    this.mainLoss = targets ? softTargetCrossEntropyForward(cache.output, targets, this.probs) : softmaxCrossEntropyForward(cache.output, labels, this.probs);
    let total = this.mainLoss;
    if (net.heads.length > 0) forwardHeads(net, cache);
    for (let s = 0; s < this.slots.length; s++) {
      const h = this.slots[s];
      if (h < 0) continue;
      const logits = cache.heads[h].logits, probs = this.headProbs[h];
      this.auxLosses[s] = targets ? softTargetCrossEntropyForward(logits, targets, probs) : softmaxCrossEntropyForward(logits, labels, probs);
      total += this.weight * this.auxLosses[s];
    }
    return total;
  }

  /**
   * dL/dlogits of the output layer into cache.dOutput and lambda dL_aux/dlogits into each
   * head's dLogits; then backward(net, cache, cache.dOutput, { heads: true }).
   */
  gradients(cache: Cache, labels: Int32Array, targets: Float32Array | null = null): void {
    const net = this.net;
    if (targets) softTargetCrossEntropyBackward(this.probs, targets, cache.dOutput!);
    else softmaxCrossEntropyBackward(this.probs, labels, cache.dOutput!);
    for (let h = 0; h < net.heads.length; h++) {
      const d = cache.heads[h].dLogits;
      if (targets) softTargetCrossEntropyBackward(this.headProbs[h], targets, d);
      else softmaxCrossEntropyBackward(this.headProbs[h], labels, d);
      const w = this.weight, x = d.data;
      for (let i = 0; i < x.length; i++) x[i] *= w;
    }
  }
}
