/**
 * The lecture route's steps, in the order of the lecture notes (../shared/lecture-notes.md): one
 * entry per slide, so adding a step is adding an entry. Each names the lab and the experiment (a
 * link query, plus the architecture explorer's view keys) that shows it, the panels opened on it,
 * the controls that matter, and a question for the student's view. Sentences quote numbers by name
 * ({name}, see numbers.ts): measured by the engine or counted from shapes, never typed in.
 *
 * A step whose lab has not landed yet carries `pending`: its slide says what that lab will show and
 * opens the nearest experiment that exists today; when the lab lands, the step's lab, query and
 * panels move to it and `pending` goes.
 */
import type { ConfigKey } from '../../engine/contract/config.ts';
import type { LabId } from '../labs/registry.ts';
import { AUGMENT_PRESETS } from '../labs/regularization/augment/presets.ts';
import { REGULARIZATION_PRESETS } from '../labs/regularization/presets.ts';
import { PRETRAIN_PRESETS } from '../labs/regularization/pretrain/presets.ts';
import { CONV_PRESETS } from '../labs/conv/presets.ts';
import type { Preset } from '../presets/presets.ts';

/** A preset's link, by id: a step on a preset follows it if the preset changes. */
function presetQuery(presets: readonly Preset[], id: string): string {
  const preset = presets.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset.query;
}

/** Panels the lecture can open: the labs' own panels, one at a time. */
export type LecturePanelId =
  | 'signal' | 'gradient' | 'formula' | 'comparison'
  | 'loss' | 'accuracy' | 'figure1' | 'ics'
  | 'resgrad' | 'jacobian' | 'auxloss'
  | 'conv' | 'archtable' | 'augment' | 'filters' | 'pretrain' | 'gap' | 'weights';
/** A panel, or the block explorer narrowed to some of its comparisons (ids of blocks.ts). */
export type LecturePanel = LecturePanelId | { readonly blocks: readonly string[] };

export interface LectureStep {
  /** In links: `route=lecture&step=<id>`. */
  readonly id: string;
  /** The lecture notes' heading this step belongs to. */
  readonly topic: string;
  readonly title: string;
  /** The slide's formula, TeX. */
  readonly formula: string;
  /** Two or three plain sentences; `{name}` is a number from numbers.ts. */
  readonly sentences: readonly string[];
  readonly lab: LabId;
  /** The experiment, as a link query (engine/contract/config.ts). */
  readonly query: string;
  /** The architecture explorer's view keys (net, cmp, conv, ...), as a link query. */
  readonly view?: string;
  /** One panel, or two side by side. */
  readonly panels: readonly LecturePanel[];
  /** The controls shown beside the slide, by config key; the explorer's panels carry their own fields. */
  readonly controls: readonly ConfigKey[];
  /** The student's view: a question, answered with `control` (a config key) or, when null, the panel's own fields. */
  readonly question: { readonly text: string; readonly control: ConfigKey | null };
  /** The lab that will show this step once it lands; until then the step opens the nearest experiment. */
  readonly pending?: { readonly lab: string; readonly issue: number; readonly shows: string };
}

const FIGURE_1 = 'data=digits&depth=3&width=100&act=sigmoid&init=normal&std=1&lr=0.5&batch=60&evalevery=100&vs=norm:batch';

export const LECTURE_STEPS: readonly LectureStep[] = [
  {
    id: 'mle-map', topic: 'MLE and MAP', title: 'Maximum likelihood and MAP: a prior is a regularizer',
    formula: String.raw`\begin{gathered}p(D\mid\theta) \to \max \quad\text{vs}\quad p(\theta\mid D) \to \max \\ \log p(\theta\mid D) = \underbrace{\log p(D\mid\theta)}_{-L} + \underbrace{\log p(\theta)}_{-L_{\text{reg}}} + \text{const} \\ L + L_{\text{reg}} \to \min\end{gathered}`,
    sentences: [
      'Maximum likelihood picks the weights that make the data most probable; MAP also weighs the prior p(θ), and the log of a Gaussian prior is an L2 penalty: weight decay.',
      'A hundred digits, trained side by side without a prior (MLE) and with a Gaussian prior: press Play and watch the gap between training and test loss, and the weights gather under the prior’s density.',
    ],
    lab: 'regularization', query: presetQuery(REGULARIZATION_PRESETS, 'map-digits-10'), panels: ['gap', 'weights'], controls: ['prior', 'wd'],
    question: { text: 'Make the prior ten times stronger (λ = 0.1): does the gap close, and what does test accuracy do?', control: 'wd' },
  },
  {
    id: 'pretraining', topic: 'Unsupervised pretraining', title: 'Unsupervised pretraining: one layer at a time',
    formula: String.raw`\begin{gathered}\theta^{(k)} = \arg\max_{\theta}\; \log p\big(x^{(k-1)} \mid \theta\big) \\ k = 1, \dots, K, \;\text{ then fine-tune on } L\end{gathered}`,
    sentences: [
      'Before good initializations, deep nets were first trained without labels, one layer at a time, each learning to reconstruct the layer below; the labels only fine-tuned the result.',
      'Five sigmoid layers on the digits, from their initializer and pretrained layer by layer first, trained side by side. Press Play: the pretraining panel shows each layer’s reconstruction, then both nets learn from the labels.',
    ],
    lab: 'regularization', query: presetQuery(PRETRAIN_PRESETS, 'pretrain-deep-sigmoid'), panels: ['accuracy', 'pretrain'], controls: ['ptsteps'],
    question: { text: 'Cut the pretraining to a tenth of its steps: does the pretrained net still leave chance first?', control: 'ptsteps' },
  },
  {
    id: 'vanishing', topic: 'Exploding and vanishing gradients', title: 'Vanishing: small random weights',
    formula: String.raw`\begin{gathered}y = \sum_{i=1}^{n} w_i x_i \\ \text{Var}[y] = n\,\text{Var}[w]\,\text{Var}[x] \\ n\,\text{Var}[w] = 256 \cdot 0.01^2 \approx \tfrac{1}{40}\end{gathered}`,
    sentences: [
      'With weights of std 0.01 each layer multiplies E[h²] by about 1/40: {vanishing.l1} at layer 1, {vanishing.l10} at layer 10.',
      'The gradient shrinks the same way on its way down, from {vanishing.grad10} at layer 10 to {vanishing.grad1} at layer 1: the first layers learn nothing.',
    ],
    lab: 'init', query: 'act=tanh&init=normal&std=0.01', panels: ['signal', 'gradient'], controls: ['std'],
    question: { text: 'Which std keeps E[h²] near 1 at every layer? (n·Var[w] = 1 with n = 256.)', control: 'std' },
  },
  {
    id: 'exploding', topic: 'Exploding and vanishing gradients', title: 'Exploding: N(0, 1) weights',
    formula: String.raw`\begin{gathered}\mathbb{E}\big[(h^{(k+1)})^2\big] = n\,\text{Var}[w] \cdot \tfrac12\,\mathbb{E}\big[(h^{(k)})^2\big] \\ = 256 \cdot 1 \cdot \tfrac12\,\mathbb{E}\big[(h^{(k)})^2\big]\end{gathered}`,
    sentences: [
      'Forty ReLU layers with N(0, 1) weights: E[h²] grows about 128-fold per layer, from {exploding.l1} at layer 1 to {exploding.l20} at layer 20.',
      'At layer {exploding.overflow} the values pass float32’s largest number and overflow; the chart marks the layers above instead of dropping them.',
    ],
    lab: 'init', query: 'depth=40&act=relu&init=normal&std=1', panels: ['signal'], controls: ['std', 'depth'],
    question: { text: 'Make the net 20 layers deep: does it still overflow?', control: 'depth' },
  },
  {
    id: 'variance', topic: 'Exploding and vanishing gradients', title: 'Var[y] = n · Var[w] · Var[x]',
    formula: String.raw`\begin{gathered}\text{Var}[w_i x_i] = \mathbb{E}[x_i]^2\,\text{Var}[w_i] \\ +\, \mathbb{E}[w_i]^2\,\text{Var}[x_i] + \text{Var}[x_i]\,\text{Var}[w_i] \\ \mathbb{E}[x_i] = \mathbb{E}[w_i] = 0 \;\Rightarrow\; \text{Var}[y] = n\,\text{Var}[w]\,\text{Var}[x]\end{gathered}`,
    sentences: [
      'With zero-mean inputs and weights only the last term stays. A linear net of width 256 with std 0.1: n·Var[w] = 2.56 per layer.',
      'Measured: {variance.l1} at layer 1, ×{variance.ratio} per layer on average, {variance.l10} at layer 10 against the prediction {variance.theory10} (dashed).',
    ],
    lab: 'init', query: 'act=linear&init=normal&std=0.1', panels: ['signal', 'formula'], controls: ['std', 'width'],
    question: { text: 'Halve the width to 128: by how much does E[h²] grow per layer now?', control: 'width' },
  },
  {
    id: 'third', topic: 'Exploding and vanishing gradients', title: 'The ×1/3 of U(−1/√n, 1/√n)',
    formula: String.raw`\begin{gathered}U\!\left(-\tfrac{1}{\sqrt n}, \tfrac{1}{\sqrt n}\right): \; \text{Var}[w_i] = \frac{(2/\sqrt n)^2}{12} = \frac{1}{3n} \\ U\!\left(-\tfrac{\sqrt3}{\sqrt n}, \tfrac{\sqrt3}{\sqrt n}\right): \; \text{Var}[w_i] = \frac{1}{n}\end{gathered}`,
    sentences: [
      'The old rule U(−1/√n, 1/√n) has variance 1/(3n): each linear layer keeps a third of E[h²], {third.l1} at layer 1, ×{third.ratio} per layer, {third.l10} at layer 10.',
      'Widen the interval by √3 and the variance is 1/n: Xavier’s uniform init on these square layers is exactly that, and keeps E[h²] near 1 ({third.xavier10} at layer 10).',
    ],
    lab: 'init', query: 'act=linear&init=standard&vs=init:xavier_uniform', panels: ['signal'], controls: ['init', 'width'],
    question: { text: 'Double the width to 512: does the factor per layer change?', control: 'width' },
  },
  {
    id: 'xavier', topic: 'Exploding and vanishing gradients', title: 'Xavier initialization (Glorot & Bengio, 2010)',
    formula: String.raw`\begin{gathered}\text{Var}[w] = \frac{2}{n_{\text{in}} + n_{\text{out}}} \\ \mathbb{E}[y] = 0 \Rightarrow \mathbb{E}[h(y)] = 0 \;\text{ for } h = \tanh\end{gathered}`,
    sentences: [
      'Five tanh layers of 512: under the standard init E[h²] falls to {xavier.standard5} at layer 5, and the gradient at layer 5 is {xavier.standardGradRatio} times the one reaching layer 1.',
      'Xavier keeps the variance at the input’s: only tanh’s squashing lowers E[h²] ({xavier.xavier5} at layer 5), and the gradient ratio is {xavier.xavierGradRatio}.',
    ],
    lab: 'init', query: 'depth=5&width=512&act=tanh&init=standard&vs=init:xavier_uniform', panels: ['signal', 'gradient'], controls: ['init', 'act'],
    question: { text: 'Switch the activation to ReLU: does Xavier still hold the signal level?', control: 'act' },
  },
  {
    id: 'he', topic: 'Exploding and vanishing gradients', title: 'ReLU and He initialization',
    formula: String.raw`\begin{gathered}\mathbb{E}[\mathrm{ReLU}(y)] \neq 0 \\ \mathbb{E}[\mathrm{ReLU}(y)^2] = \tfrac12\,\text{Var}[y] \;\Rightarrow\; \text{Var}[w] = \frac{2}{n}\end{gathered}`,
    sentences: [
      'ReLU zeroes half of each layer’s input, so Xavier’s Var[w] = 1/n halves E[h²] at every layer of a 30-layer net: {he.xavier30} at layer 30.',
      'He’s Var[w] = 2/n makes up for the half: E[h²] stays near the predicted 2 at every layer, between {he.min} and {he.max}: a flat line.',
    ],
    lab: 'init', query: 'depth=30&act=relu&init=xavier_normal&vs=init:he_normal', panels: ['signal'], controls: ['init', 'gain'],
    question: { text: 'What happens to the last layer’s variance if you double the gain?', control: 'gain' },
  },
  {
    id: 'covariate-shift', topic: 'Batch normalization', title: 'Internal covariate shift',
    formula: String.raw`\begin{gathered}\bar y^{(k)} = F(x^{(k)}), \quad x^{(k+1)} = \mathrm{Norm}(y^{(k)}) \\ x^{(k+1)} = \frac{y^{(k)} - \mathbb{E}_D\, y^{(k)}}{\sqrt{\text{Var}_D\, y^{(k)}}}\end{gathered}`,
    sentences: [
      'Each layer’s input moves while the layers below learn. Press Play: without batch norm the tracked unit’s input median drifts from {ics.median0} to {ics.median400} in the first 400 steps.',
      'With batch norm it stays centred: at step 400 its 15th to 85th percentiles run from {ics.bnP15} to {ics.bnP85} (Ioffe & Szegedy’s Figure 1, on the digits).',
    ],
    lab: 'training', query: FIGURE_1, panels: ['figure1'], controls: ['lr'],
    question: { text: 'Lower the learning rate to 0.05: does the unit without batch norm still drift?', control: 'lr' },
  },
  {
    id: 'batchnorm', topic: 'Batch normalization', title: 'Batch normalization',
    formula: String.raw`\mathrm{BN}(x) = \frac{x - \mathbb{E}_m\, x}{\sqrt{\text{Var}_m\, x}} \odot \gamma + \beta`,
    sentences: [
      'Each mini-batch’s own mean and variance normalize every unit; γ and β give the layer back the scale and shift it may need.',
      'The same three sigmoid layers on the digits: at step 1000 the test accuracy is {bn.plainAcc} without batch norm and {bn.bnAcc} with it.',
    ],
    lab: 'training', query: FIGURE_1, panels: ['accuracy', 'ics'], controls: ['batch'],
    question: { text: 'Set the batch to 2: what happens to the net with batch norm?', control: 'batch' },
  },
  {
    id: 'conv-size', topic: 'CNN', title: 'A convolution’s output size',
    formula: String.raw`\begin{gathered}\text{stride } 1: \; W \times H \;\ast\; w \times h \\ \rightarrow\; \big(W - (w - 1)\big) \times \big(H - (h - 1)\big) \\ (32 \times 32) \rightarrow (28 \times 28 \times 6)\end{gathered}`,
    sentences: [
      'A 5×5 kernel at stride 1 without padding loses w − 1 = 4 rows and columns: an 8×8 input gives {conv.out}×{conv.out}, LeNet’s 32×32 gives {lenet.out}×{lenet.out}.',
      'Six 5×5 kernels and their biases are {lenet.conv} weights; a dense layer between the same shapes would need {lenet.dense}.',
    ],
    lab: 'architectures', query: '', view: 'conv=8-5-1-0-1-0-0-1-6', panels: ['conv', { blocks: ['lenet'] }], controls: [],
    question: { text: 'Set the stride to 2 in the drawing: what is the output size now?', control: null },
  },
  {
    id: 'cnn-training', topic: 'CNN', title: 'Training a CNN',
    formula: String.raw`\begin{gathered}h^{(k+1)}_{c} = \varphi\Big(\sum_{c'} w_{c,c'} \ast h^{(k)}_{c'} + b_c\Big)\end{gathered}`,
    sentences: [
      'A convolution shares one small kernel across every position of the image, so a CNN learns with few weights per layer.',
      'LeNet-5 trains live on the 28×28 digits: press Play and watch its test accuracy, and its first layer’s six 5×5 filters as they learn.',
    ],
    lab: 'conv', query: presetQuery(CONV_PRESETS, 'conv-lenet5'), panels: ['accuracy', 'filters'], controls: ['lr'],
    question: { text: 'Raise the learning rate tenfold: do the filters still settle?', control: 'lr' },
  },
  {
    id: 'augmentations', topic: 'Augmentations', title: 'Augmentations',
    formula: String.raw`\begin{gathered}L = \mathbb{E}_{(x, y) \sim D}\; \mathbb{E}_{t \sim T}\; L\big(y, f(t(x))\big)\end{gathered}`,
    sentences: [
      'Augmentations train on transformed copies of each example (shifts, warps, noise) that keep its label, so the net sees more of what the data could look like.',
      'Three copies of one net on 100 MNIST digits, on the same batches: without augmentation, with one-pixel shifts, with Simard’s elastic warps. Press Play; the batch panel shows the augmented images the net is trained on.',
    ],
    lab: 'regularization', query: presetQuery(AUGMENT_PRESETS, 'aug-mnist'), panels: ['accuracy', 'augment'], controls: ['ntrain'],
    question: { text: 'Give each class 100 training examples instead of 10: do the augmentations still help as much?', control: 'ntrain' },
  },
  {
    id: 'vgg', topic: 'VGG', title: 'VGG: stacks of 3×3 convolutions',
    formula: String.raw`\begin{gathered}2 \cdot (3 \cdot 3\, C^2) = 18\,C^2 < 25\,C^2 \\ 3 \cdot (3 \cdot 3\, C^2) = 27\,C^2 < 49\,C^2\end{gathered}`,
    sentences: [
      'Two 3×3 convolutions see as far as one 5×5 with {stack5.two} weights against {stack5.one} at 64 channels, and a nonlinearity more.',
      'Three 3×3 match one 7×7: {stack7.three} against {stack7.one}. VGG builds the whole net from them.',
    ],
    lab: 'architectures', query: '', panels: [{ blocks: ['stack5', 'stack7'] }], controls: [],
    question: { text: 'Edit the 7×7 variant to a 9×9 (conv9-64nb): how many 3×3 layers match it, and how many weights do they save?', control: null },
  },
  {
    id: 'nin', topic: 'Network in Network', title: 'Network in Network: 1×1 convolutions and global average pooling',
    formula: String.raw`\begin{gathered}1 \times 1: \; h_{c}(i,j) = \sum_{c'} w_{c,c'}\, x_{c'}(i,j) \\ \mathrm{GAP}: \; \bar h_c = \frac{1}{HW}\sum_{i,j} h_c(i,j)\end{gathered}`,
    sentences: [
      'A 1×1 convolution is a dense layer applied at every pixel; global average pooling then turns each map into one class score.',
      'VGG-16’s dense head holds {head.dense} of its {head.vgg} parameters; a 1×1 convolution and global pooling need {head.gap}.',
    ],
    lab: 'architectures', query: '', panels: [{ blocks: ['head'] }], controls: [],
    question: { text: 'Edit the dense head to one layer (flatten,fc1000): how many parameters is that?', control: null },
  },
  {
    id: 'inception', topic: 'Inception', title: 'The Inception module and its 1×1 reductions',
    formula: String.raw`\begin{gathered}\big[\,1{\times}1 \;\|\; 1{\times}1 \to 3{\times}3 \\ \|\; 1{\times}1 \to 5{\times}5 \;\|\; \text{pool} \to 1{\times}1\,\big]\end{gathered}`,
    sentences: [
      'Four branches see the same input at different scales and their outputs are concatenated.',
      '1×1 reductions shrink the input of the 3×3 and 5×5 branches first: Inception 3a has {inception.with} weights with them, {inception.naive} without.',
    ],
    lab: 'architectures', query: '', panels: [{ blocks: ['inception'] }], controls: [],
    question: { text: 'Widen the 5×5 branch’s reduction from 16 to 48 (inc64-96-128-48-32-32): how many weights now?', control: null },
  },
  {
    id: 'aux-classifiers', topic: 'GoogLeNet', title: 'GoogLeNet’s auxiliary classifiers',
    formula: String.raw`\begin{gathered}\frac{\partial L}{\partial w} = \frac{\partial L}{\partial x^{(k+1)}}\,\frac{\partial x^{(k+1)}}{\partial x^{(k)}}\,\frac{\partial x^{(k)}}{\partial w} \\ L = L(y, \hat y) + \lambda_1 L(y, \hat y_1) + \lambda_2 L(y, \hat y_2)\end{gathered}`,
    sentences: [
      'Side classifiers on middle layers give the lower layers a short gradient path. Press Play: a 20-layer sigmoid net on the digits reaches {aux.with} test accuracy at step 1000 with heads on layers 7 and 14, {aux.without} without.',
      'The heads serve training only: GoogLeNet has {aux.train} parameters with them and {aux.infer} without.',
    ],
    lab: 'residual', query: 'data=digits&depth=20&width=64&act=sigmoid&init=xavier_normal&gain=4&lr=0.5&batch=32&aux1=7&aux2=14&vs=aux1:0,aux2:0', panels: ['accuracy', { blocks: ['aux'] }], controls: ['auxw'],
    question: { text: 'Set the heads’ weight λ to 0.05: do the lower layers still learn?', control: 'auxw' },
  },
  {
    id: 'residual', topic: 'Residual connections', title: 'Residual connections',
    formula: String.raw`\begin{gathered}\bar x^{(k+1)} = x^{(k)} + F(x^{(k)}) \\ \frac{\partial \bar x^{(k+1)}}{\partial x^{(k)}} = \frac{\partial F}{\partial x^{(k)}} + I\end{gathered}`,
    sentences: [
      'Fifty ReLU layers under Xavier: each plain pair of layers halves the gradient (Jacobian {residual.plainJmin} to {residual.plainJmax}), so layer 1 gets {residual.plainGrad1}.',
      'With shortcuts each block’s Jacobian is ∂F/∂x + I, between {residual.resJmin} and {residual.resJmax}, and layer 1 gets {residual.resGrad1}: the identity carries the error back unchanged.',
    ],
    lab: 'residual', query: 'depth=50&act=relu&init=xavier_normal&vs=residual:1', panels: ['resgrad', 'jacobian'], controls: ['depth'],
    question: { text: 'Make the nets 100 layers deep: what reaches layer 1 of the plain one?', control: 'depth' },
  },
  {
    id: 'bottleneck', topic: 'Bottlenecks', title: 'Bottlenecks',
    formula: String.raw`\begin{gathered}d \times 1 \times 1 \times d'' + d'' \times w \times h \times d'' \\ +\, d'' \times 1 \times 1 \times d' \\ 256\,(32 + 4 \cdot 9 + 32) \cdot 8 \;\text{ vs }\; 256 \times 3 \times 3 \times 256\end{gathered}`,
    sentences: [
      'A bottleneck does its 3×3 at a quarter of the width: two 3×3 layers at 256 channels have {bottleneck.plain} weights, the block 256 → 64 → 64 → 256 has {bottleneck.neck}.',
      'The slide’s eight paths of width 32 cost 256(32 + 4·9 + 32)·8 = {resnext.paths8} weights, against {resnext.plain} for one plain 3×3 at 256.',
    ],
    lab: 'architectures', query: '', panels: [{ blocks: ['bottleneck', 'resnext'] }], controls: [],
    question: { text: 'Make the bottleneck’s middle 128 wide (conv1-128nb,conv3-128nb,conv1-256nb): how does it compare now?', control: null },
  },
  {
    id: 'split-transform-merge', topic: 'Split-transform-merge', title: 'ResNeXt: split, transform, merge',
    formula: String.raw`\begin{gathered}\mathcal{F}(x) = \sum_{i=1}^{C} \mathcal{T}_i(x) \\ C = 32 \text{ paths of width } 4\end{gathered}`,
    sentences: [
      'Split the input into paths, transform each with its own small bottleneck, merge by summing: a grouped 3×3 convolution computes all paths at once.',
      'ResNeXt’s 32 paths of width 4 have {resnext.grouped} weights, the slide’s 8 paths of width 32 {resnext.paths8}, one plain 3×3 {resnext.plain}.',
    ],
    lab: 'architectures', query: '', panels: [{ blocks: ['resnext'] }], controls: [],
    question: { text: 'Change ResNeXt’s groups from 32 to 64 (g64): what happens to the count?', control: null },
  },
  {
    id: 'densenet', topic: 'DenseNet', title: 'DenseNet: every layer sees every earlier one',
    formula: String.raw`\begin{gathered}x^{(k)} = H_k\big([\,x^{(0)}, x^{(1)}, \dots, x^{(k-1)}\,]\big) \\ \text{channels: } c_0 + k \cdot g\end{gathered}`,
    sentences: [
      'Each layer of a dense block adds the growth rate g = 32 channels to the concatenation: 64 + 6·32 = {dense.out} channels leave a block of six.',
      'A transition (1×1 convolution and pooling) then halves the channels, to {dense.trans}, and the size.',
    ],
    lab: 'architectures', query: '', panels: [{ blocks: ['dense'] }], controls: [],
    question: { text: 'Change the growth rate to 12 (dense6-12): how many channels leave the block?', control: null },
  },
];

export const STEP_IDS: readonly string[] = LECTURE_STEPS.map((s) => s.id);

export function stepById(id: string | undefined | null): LectureStep | null {
  return LECTURE_STEPS.find((s) => s.id === id) ?? null;
}
