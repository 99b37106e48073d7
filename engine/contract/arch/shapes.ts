/**
 * The one shape helper: from a layer's hyperparameters and its input shape, the output shape, the
 * fans, the parameter count, the multiply-accumulates and the receptive-field step, without
 * allocating a weight (tfjs's computeConv2DInfo plays this part for its kernels). Layers, cost
 * limits, the theory (n = fan_in), the initializers and the architecture tables all ask here.
 *
 * Shapes are per example: [C, H, W] for images, [F] for feature vectors. A shape that cannot work
 * (a kernel larger than its padded input, channels not divisible by the groups) throws ShapeError
 * naming both sides; callers that must not throw (the shape pass) turn it into a problem.
 */

export type Shape = readonly number[];

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/**
 * How one layer moves the receptive field, along one spatial axis: a unit's field grows by
 * (extent - 1) * jumpIn and the distance between neighbouring units (the jump) is multiplied by
 * stride (Araujo, Norris & Sim 2019, "Computing receptive fields of CNNs").
 */
export interface FieldStep {
  /** Input positions one output position spans along the axis: d(k - 1) + 1 for a kernel k. */
  readonly extent: number;
  readonly stride: number;
}

export interface LayerInfo {
  readonly out: Shape;
  /** Trainable parameters (weights and biases; BatchNorm's gamma and beta, not its running statistics). */
  readonly params: number;
  /** Multiply-accumulates per example: conv and dense layers only, as torchvision's `_ops` counts them. */
  readonly macs: number;
  /** PyTorch's _calculate_fan_in_and_fan_out on the weight tensor (0 for a layer without weights). */
  readonly fanIn: number;
  readonly fanOut: number;
  /** Along the height axis (the width's is the same for square kernels). */
  readonly field: FieldStep;
  /** The output height's size formula with this layer's numbers filled in (convs and pools). */
  readonly formula?: string;
}

/** ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 = out, with the numbers (the dilation term only when d > 1). */
function sizeFormula(n: number, k: number, s: number, p: number, d: number, out: number): string {
  return `⌊(${n} + 2·${p} − ${d > 1 ? `${d}·` : ''}(${k} − 1) − 1) / ${s}⌋ + 1 = ${out}`;
}

const IDENTITY_FIELD: FieldStep = { extent: 1, stride: 1 };

function describe(shape: Shape): string {
  return shape.length === 3 ? `${shape[0]}x${shape[1]}x${shape[2]}` : `[${shape.join(', ')}]`;
}

function requireImage(shape: Shape, what: string): [number, number, number] {
  if (shape.length !== 3) throw new ShapeError(`${what} needs an image input [C, H, W], got ${describe(shape)}`);
  return [shape[0], shape[1], shape[2]];
}

function requirePositive(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ShapeError(`${what} must be a positive integer, got ${value}`);
}

/** Output length of a convolution along one axis: floor((n + 2p - d(k - 1) - 1) / s) + 1 (Dumoulin & Visin 2016, relation 15). */
export function convOutputSize(n: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return Math.floor((n + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** "Half" padding floor(d(k - 1) / 2): keeps the size at stride 1 for odd kernels (Dumoulin & Visin 2016, section 2.2.1). */
export function halfPadding(kernel: number, dilation = 1): number {
  return Math.floor((dilation * (kernel - 1)) / 2);
}

export function denseInfo(input: Shape, outFeatures: number, bias = true): LayerInfo {
  requirePositive(outFeatures, 'dense output features');
  const inFeatures = input.reduce((a, b) => a * b, 1); // an image is flattened first, as torch.flatten(x, 1)
  const h = input.length === 3 ? input[1] : 1;
  return {
    out: [outFeatures],
    params: inFeatures * outFeatures + (bias ? outFeatures : 0),
    macs: inFeatures * outFeatures,
    fanIn: inFeatures,
    fanOut: outFeatures,
    field: { extent: h, stride: 1 }, // every output sees the whole input map
  };
}

export interface ConvOptions {
  readonly outChannels: number;
  readonly kernel: readonly [number, number];
  readonly stride?: number;
  /** Zero padding on each side, the same on both axes, or 'half' for floor(d(k - 1) / 2) per axis. */
  readonly padding?: number | 'half';
  readonly dilation?: number;
  readonly groups?: number;
  readonly bias?: boolean;
}

function paddingOf(padding: number | 'half' | undefined, kernel: number, dilation: number): number {
  return padding === 'half' ? halfPadding(kernel, dilation) : padding ?? 0;
}

export function convInfo(input: Shape, o: ConvOptions): LayerInfo {
  const [cin, h, w] = requireImage(input, 'a convolution');
  const { outChannels, kernel: [kh, kw] } = o;
  const stride = o.stride ?? 1, dilation = o.dilation ?? 1, groups = o.groups ?? 1;
  for (const [v, what] of [[outChannels, 'output channels'], [kh, 'kernel height'], [kw, 'kernel width'], [stride, 'stride'], [dilation, 'dilation'], [groups, 'groups']] as const) requirePositive(v, what);
  if (cin % groups !== 0 || outChannels % groups !== 0) throw new ShapeError(`groups=${groups} must divide both the input channels (${cin}) and the output channels (${outChannels})`);
  const ph = paddingOf(o.padding, kh, dilation), pw = paddingOf(o.padding, kw, dilation);
  const oh = convOutputSize(h, kh, stride, ph, dilation), ow = convOutputSize(w, kw, stride, pw, dilation);
  if (oh < 1 || ow < 1) throw new ShapeError(`a ${kh}x${kw} kernel (dilation ${dilation}, padding ${ph}) does not fit the ${describe(input)} input`);
  const perOutput = (cin / groups) * kh * kw; // one output value is a dot product over one group's inputs
  return {
    out: [outChannels, oh, ow],
    params: outChannels * perOutput + ((o.bias ?? true) ? outChannels : 0),
    macs: outChannels * oh * ow * perOutput,
    fanIn: perOutput,
    fanOut: outChannels * kh * kw, // PyTorch: weight.size(0) * kh * kw, the groups not divided out
    field: { extent: dilation * (kh - 1) + 1, stride },
    formula: sizeFormula(h, kh, stride, ph, dilation, oh),
  };
}

export interface ConvTransposeOptions extends Omit<ConvOptions, 'padding'> {
  readonly padding?: number;
  /** Extra rows and columns on one side, to pick among the input sizes a strided conv maps to one size. */
  readonly outputPadding?: number;
}

/** Transposed convolution: o = (n - 1)s - 2p + d(k - 1) + output_padding + 1 (Dumoulin & Visin 2016, relation 14; PyTorch's rule). */
export function convTransposeInfo(input: Shape, o: ConvTransposeOptions): LayerInfo {
  const [cin, h, w] = requireImage(input, 'a transposed convolution');
  const { outChannels, kernel: [kh, kw] } = o;
  const stride = o.stride ?? 1, dilation = o.dilation ?? 1, groups = o.groups ?? 1, padding = o.padding ?? 0, outputPadding = o.outputPadding ?? 0;
  if (cin % groups !== 0 || outChannels % groups !== 0) throw new ShapeError(`groups=${groups} must divide both the input channels (${cin}) and the output channels (${outChannels})`);
  if (outputPadding >= Math.max(stride, dilation)) throw new ShapeError(`output padding ${outputPadding} must be smaller than the stride or the dilation`);
  const size = (n: number, k: number) => (n - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1;
  const oh = size(h, kh), ow = size(w, kw);
  if (oh < 1 || ow < 1) throw new ShapeError(`padding ${padding} leaves no output from the ${describe(input)} input`);
  const perInput = (outChannels / groups) * kh * kw; // weight is [C_in, C_out/groups, kh, kw]
  return {
    out: [outChannels, oh, ow],
    params: cin * perInput + ((o.bias ?? true) ? outChannels : 0),
    macs: cin * h * w * perInput, // every input value is scattered into a kh x kw patch of each output channel of its group
    fanIn: perInput, // PyTorch reads the transposed weight as if it were a conv's: size(1) * kh * kw
    fanOut: cin * kh * kw,
    field: { extent: 1, stride: 1 }, // upsampling shrinks the jump; the shape pass reports it as a step of 1
  };
}

export interface PoolOptions {
  readonly op: 'max' | 'avg';
  readonly kernel: number;
  readonly stride?: number;
  readonly padding?: number;
  /** PyTorch's ceil_mode: round the output size up, dropping a last window that would start in the padding. */
  readonly ceil?: boolean;
}

/** PyTorch's pooling_output_shape, ceil_mode included (GoogLeNet's pools use it). */
export function poolOutputSize(n: number, kernel: number, stride: number, padding: number, ceil: boolean): number {
  let out = Math.floor((n + 2 * padding - (kernel - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (out - 1) * stride >= n + padding) out -= 1;
  return out;
}

export function poolInfo(input: Shape, o: PoolOptions): LayerInfo {
  const [c, h, w] = requireImage(input, `a ${o.op} pool`);
  const stride = o.stride ?? o.kernel, padding = o.padding ?? 0;
  requirePositive(o.kernel, 'pool kernel');
  requirePositive(stride, 'pool stride');
  if (padding > o.kernel / 2) throw new ShapeError(`pool padding ${padding} must be at most half the kernel ${o.kernel}`);
  const oh = poolOutputSize(h, o.kernel, stride, padding, o.ceil ?? false), ow = poolOutputSize(w, o.kernel, stride, padding, o.ceil ?? false);
  if (oh < 1 || ow < 1) throw new ShapeError(`a ${o.kernel}x${o.kernel} ${o.op} pool does not fit the ${describe(input)} input`);
  return { out: [c, oh, ow], params: 0, macs: 0, fanIn: 0, fanOut: 0, field: { extent: o.kernel, stride }, formula: `${o.ceil ? '⌈' : '⌊'}(${h} + 2·${padding} − ${o.kernel}) / ${stride}${o.ceil ? '⌉' : '⌋'} + 1 = ${oh}` };
}

/** PyTorch's AdaptiveAvgPool2d: output cell i averages rows floor(iH/S) .. ceil((i+1)H/S) - 1. */
export function adaptiveAvgPoolInfo(input: Shape, size: number): LayerInfo {
  const [c, h] = requireImage(input, 'adaptive average pooling');
  requirePositive(size, 'adaptive pool size');
  let widest = 0;
  for (let i = 0; i < size; i++) widest = Math.max(widest, Math.ceil(((i + 1) * h) / size) - Math.floor((i * h) / size));
  return { out: [c, size, size], params: 0, macs: 0, fanIn: 0, fanOut: 0, field: { extent: widest, stride: Math.max(1, Math.floor(h / size)) } };
}

/** Global average pooling: one value per channel (NiN's classifier; ResNet's avgpool). */
export function globalAvgPoolInfo(input: Shape): LayerInfo {
  const [c, h] = requireImage(input, 'global average pooling');
  return { out: [c, 1, 1], params: 0, macs: 0, fanIn: 0, fanOut: 0, field: { extent: h, stride: 1 } };
}

export function flattenInfo(input: Shape): LayerInfo {
  return { out: [input.reduce((a, b) => a * b, 1)], params: 0, macs: 0, fanIn: 0, fanOut: 0, field: IDENTITY_FIELD };
}

/** Concatenation along the channels: every input must share H and W. */
export function concatInfo(inputs: readonly Shape[]): LayerInfo {
  if (inputs.length === 0) throw new ShapeError('a concatenation needs at least one input');
  const [, h, w] = requireImage(inputs[0], 'a channel concatenation');
  let channels = 0;
  for (const s of inputs) {
    const [c, sh, sw] = requireImage(s, 'a channel concatenation');
    if (sh !== h || sw !== w) throw new ShapeError(`cannot concatenate ${describe(inputs[0])} and ${describe(s)}: the spatial sizes differ`);
    channels += c;
  }
  return { out: [channels, h, w], params: 0, macs: 0, fanIn: 0, fanOut: 0, field: IDENTITY_FIELD };
}

/** Batch norm: gamma and beta per channel (per feature for a vector); the running mean and variance are buffers, not parameters. */
export function batchNormInfo(input: Shape): LayerInfo {
  const channels = input[0];
  return { out: [...input], params: 2 * channels, macs: 0, fanIn: 0, fanOut: 0, field: IDENTITY_FIELD };
}

/** An elementwise layer (activation, dropout, a residual sum): shape kept, nothing learned. */
export function elementwiseInfo(input: Shape): LayerInfo {
  return { out: [...input], params: 0, macs: 0, fanIn: 0, fanOut: 0, field: IDENTITY_FIELD };
}

export function elementCount(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

export { describe as describeShape };
