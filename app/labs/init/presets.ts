/**
 * The initialization lab's presets: each is a link (the same query a lecturer would share) with a
 * title and the one thing to notice. Every "notice" was checked against the CLI with the same query
 * (`npm run probe -- "<query>" --format csv`, seed 1); presets.test.ts checks the numbers against the engine.
 */
import type { Preset } from '../../presets/presets.ts';

export const INIT_PRESETS: readonly Preset[] = [
  {
    id: 'vanishing-small',
    title: 'Vanishing: small random weights (std 0.01, tanh)',
    query: 'act=tanh&init=normal&std=0.01',
    notice:
      'Each layer multiplies E[h²] by n·Var[w] = 256 × 0.0001 ≈ 1/40: from 0.025 at layer 1 to 1e-16 at layer 10. ' +
      'The gradient shrinks the same way on its way down, from 0.99 at layer 10 to 4e-15 at layer 1.',
  },
  {
    id: 'exploding-normal',
    title: 'Exploding: N(0, 1) weights (ReLU, 40 layers)',
    query: 'depth=40&act=relu&init=normal&std=1',
    notice:
      'n·Var[w]/2 = 256/2: E[h²] grows about 128-fold per layer, from 251 at layer 1 to 4e42 at layer 20. ' +
      'At layer 36 the values pass float32’s largest number (3.4e38) and overflow; the layers above are marked, not dropped.',
  },
  {
    id: 'glorot-standard',
    title: 'Glorot & Bengio: “standard” init U(±1/√n) (tanh)',
    query: 'depth=5&width=512&act=tanh&init=standard',
    notice:
      'Var[w] = 1/(3n) shrinks E[h²] about threefold per layer: 0.33 at layer 1, 0.0022 at layer 5. ' +
      'The gradient reaching layer 1 (0.007) is 1/140 of the one at layer 5 (0.99). Compare the next preset.',
  },
  {
    id: 'glorot-normalized',
    title: 'Glorot & Bengio: normalized (Xavier) init (tanh)',
    query: 'depth=5&width=512&act=tanh&init=xavier_uniform',
    notice:
      'Var[w] = 2/(n_in + n_out) = 1/n: E[h²] starts at 0.99 and only tanh’s squashing lowers it (0.13 at layer 5). ' +
      'The gradient at layer 1 (0.14) is 1/6 of layer 5’s (0.81), against 1/140 with the standard init.',
  },
  {
    id: 'he-xavier-relu',
    title: 'He et al.: Xavier init in a 30-layer ReLU net',
    query: 'depth=30&act=relu&init=xavier_normal',
    notice:
      'ReLU zeroes half of each layer’s input, so Var[w] = 1/n halves E[h²] at every layer: ' +
      '0.98 at layer 1, 2.7e-9 at layer 30 (theory 2⁻²⁹ ≈ 1.9e-9). Compare the next preset.',
  },
  {
    id: 'he-he-relu',
    title: 'He et al.: He init in a 30-layer ReLU net',
    query: 'depth=30&act=relu&init=he_normal',
    notice:
      'Var[w] = 2/n makes up for the half ReLU zeroes: E[h²] stays near the predicted 2 at every layer (between 1.75 and 3.3), ' +
      'and the gradient stays between 0.5 and 0.75 all the way down.',
  },
  {
    id: 'dead-relu',
    title: 'Dead ReLUs: a bias of −0.2 (He init, 20 layers)',
    query: 'depth=20&act=relu&init=he_normal&bias=-0.2',
    notice:
      'A unit that is negative for every example is dead. The dead fraction grows with depth: 0 at layers 1–2, ' +
      '13% at layer 10, 64% at layer 13, all units from layer 15 on, where h is the bias alone (E[h²] = 0.04) and every gradient is exactly 0.',
  },
  {
    id: 'saturated-sigmoid',
    title: 'Saturated sigmoid: N(0, 1) weights',
    query: 'act=sigmoid&init=normal&std=1',
    notice:
      'Pre-activations of size √E[h²] ≈ 11: 64–77% of the units in every layer sit within 0.01 of 0 or 1, where the slope is almost 0. ' +
      'The gradient that gets through the top layer is 0.006 of what arrived.',
  },
  {
    id: 'orthogonal-linear',
    title: 'Orthogonal init in a 100-layer linear net',
    query: 'depth=100&width=64&act=linear&init=orthogonal',
    notice:
      'An orthogonal matrix keeps every vector’s length: E[h²] is 0.993 at layer 1 and at layer 100, the gradient 0.976 at every layer. ' +
      'Xavier’s random matrices (same variance) drift instead: 1.0 at layer 1, 2.1 at layer 25, 0.32 at layer 100.',
  },
];
