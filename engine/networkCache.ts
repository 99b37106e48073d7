/**
 * What the backward pass needs from the forward pass, for one batch size: allocated once.
 * Per layer l, with x its input (the network input for l = 0, else out[l - 1]):
 *   dense-first (plain layers, the post form), z = x W + b:
 *     dense = z;  branch = BN(z) (BN before the act) or z;  pre = skip + alpha branch (the layer
 *     closing a block) or branch;  post = act(pre);  out = BN(post) (BN after the act) or post
 *   act-first (the pre form's layers):
 *     pre = BN(x) or x;  post = act(pre);  dense = post W + b;  branch = dense;
 *     out = skip + alpha dense (the layer closing a block) or dense
 * Where two names are the same quantity they are the same Tensor object (and their gradients
 * too), so a plain network has exactly the buffers it always had. An act-first layer without
 * batch norm reads its input in place (pre IS x), but dPre is its own: the gradient along this
 * layer's path only; dOut[l - 1] sums it with the skip's.
 */
import { createBatchNormStats, type BatchNormStats } from './ops/batchNorm.ts';
import type { Network } from './network.ts';
import { zerosTensor, type Tensor } from './tensor.ts';

/** What a layer's batch norm keeps from the forward pass for the backward pass. */
export interface BatchNormCache {
  readonly xHat: Tensor;
  readonly stats: BatchNormStats;
}

/** An auxiliary head's logits, dL/dlogits (filled by the caller) and room for its input gradient. */
export interface HeadCache {
  readonly logits: Tensor;
  readonly dLogits: Tensor;
  readonly dInput: Tensor;
}

export interface Cache {
  readonly batch: number;
  readonly input: Tensor;
  /** The activation's input. */
  readonly pre: readonly Tensor[];
  /** The activation's output. */
  readonly post: readonly Tensor[];
  readonly dPre: readonly Tensor[];
  readonly dPost: readonly Tensor[];
  /** The dense output x W + b (the same object as pre in a plain layer without a norm before its act). */
  readonly dense: readonly Tensor[];
  readonly dDense: readonly Tensor[];
  /** A residual branch's last value before the skip is added (BN(z) or z); else the same object as pre or dense. */
  readonly branch: readonly Tensor[];
  readonly dBranch: readonly Tensor[];
  /** The layer's output, the next layer's input. */
  readonly out: readonly Tensor[];
  readonly dOut: readonly Tensor[];
  readonly norm: readonly (BatchNormCache | null)[];
  /** Per residual block: its projection x W_p, or null for the identity. */
  readonly skip: readonly (Tensor | null)[];
  /** Per residual block: dL/dx through the projection, or null. */
  readonly dSkip: readonly (Tensor | null)[];
  /** dL/d(network input), filled by backward when present (CacheOptions.inputGradient). */
  readonly dInput: Tensor | null;
  readonly heads: readonly HeadCache[];
}

export interface CacheOptions {
  /** Allocate the gradient buffers (default true). */
  readonly gradients?: boolean;
  /** Allocate dInput, so backward computes dL/d(network input) (default false). */
  readonly inputGradient?: boolean;
  /** Allocate the auxiliary heads' buffers (default true). */
  readonly heads?: boolean;
  /**
   * Where each buffer comes from (default: a new zero tensor). `layer` and `name` let a caller share
   * buffers between layers, as the ICS meter's rolling cache does (engine/train/ics.ts).
   */
  readonly allocate?: (shape: readonly number[], layer: number, name: string) => Tensor;
}

const fresh = (shape: readonly number[]): Tensor => zerosTensor(shape);

export function createCache(net: Network, batch: number, options: CacheOptions = {}): Cache {
  const alloc = options.allocate ?? fresh;
  const grads = options.gradients !== false;
  const input = zerosTensor([batch, net.inputWidth]);
  const pre: Tensor[] = [], post: Tensor[] = [], dense: Tensor[] = [], branch: Tensor[] = [], out: Tensor[] = [];
  const dPre: Tensor[] = [], dPost: Tensor[] = [], dDense: Tensor[] = [], dBranch: Tensor[] = [], dOut: Tensor[] = [];
  const norm: (BatchNormCache | null)[] = [];
  net.layers.forEach((layer, l) => {
    const a = (shape: readonly number[], name: string) => alloc(shape, l, name);
    const wide = [batch, layer.fanOut], narrow = [batch, layer.fanIn];
    const n = layer.norm;
    const closes = layer.closes !== null;
    if (layer.order === 'dense-first') {
      const d = a(wide, 'dense');
      const b = n?.position === 'before' ? a(wide, 'branch') : d;
      const p = closes ? a(wide, 'pre') : b;
      const q = a(wide, 'post');
      dense.push(d); branch.push(b); pre.push(p); post.push(q); out.push(n?.position === 'after' ? a(wide, 'out') : q);
      if (grads) {
        const dp = a(wide, 'dPre');
        const db = closes ? a(wide, 'dBranch') : dp;
        const dq = a(wide, 'dPost');
        dPre.push(dp); dBranch.push(db); dDense.push(n?.position === 'before' ? a(wide, 'dDense') : db); dPost.push(dq);
        dOut.push(n?.position === 'after' ? a(wide, 'dOut') : dq);
      }
      norm.push(n ? { xHat: a(wide, 'xHat'), stats: createBatchNormStats(layer.fanOut) } : null);
    } else {
      const x = l === 0 ? input : out[l - 1];
      const p = n ? a(narrow, 'pre') : x;
      const d = a(wide, 'dense');
      pre.push(p); post.push(a(narrow, 'post')); dense.push(d); branch.push(d); out.push(closes ? a(wide, 'out') : d);
      if (grads) {
        const dO = a(wide, 'dOut');
        const dd = closes ? a(wide, 'dDense') : dO;
        dPre.push(a(narrow, 'dPre')); dPost.push(a(narrow, 'dPost')); dOut.push(dO); dDense.push(dd); dBranch.push(dd);
      }
      norm.push(n ? { xHat: a(narrow, 'xHat'), stats: createBatchNormStats(layer.fanIn) } : null);
    }
  });
  const skip = net.blocks.map((b) => (b.projection ? alloc([batch, net.layers[b.last].fanOut], b.last, 'skip') : null));
  const dSkip = net.blocks.map((b) => (b.projection && grads ? zerosTensor([batch, net.layers[b.first].fanIn]) : null));
  const heads = options.heads === false ? [] : net.heads.map((h): HeadCache => ({
    logits: zerosTensor([batch, h.layer.fanOut]), dLogits: zerosTensor([batch, h.layer.fanOut]), dInput: zerosTensor([batch, h.layer.fanIn]),
  }));
  const dInput = grads && options.inputGradient ? zerosTensor([batch, net.inputWidth]) : null;
  return { batch, input, pre, post, dPre, dPost, dense, dDense, branch, dBranch, out, dOut, norm, skip, dSkip, dInput, heads };
}

/** The input of layer l: the network input for l = 0, the previous layer's output otherwise. */
export function layerInput(cache: Cache, l: number): Tensor {
  return l === 0 ? cache.input : cache.out[l - 1];
}
