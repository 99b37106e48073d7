/**
 * Residual connections and auxiliary classifiers: presets in the shape of app/presets/presets.ts.
 * Every number in a notice is what the engine gives for the same link (seed 1;
 * `npm run probe -- "<query>"`, training ones with `--steps N`), and presets.test.ts beside this
 * file checks each of them against the engine.
 */
import type { Preset } from '../../presets/presets.ts';

export const RESIDUAL_PRESETS: readonly Preset[] = [
  {
    id: 'residual-gradient-50',
    title: 'Gradient flow through 50 layers: plain vs residual (ReLU, Xavier)',
    query: 'depth=50&act=relu&init=xavier_normal&vs=residual:1',
    notice:
      'Plain: each pair of layers halves the gradient (block Jacobian 0.48–0.54), so ‖∂L/∂h‖ falls from 186 at layer 50 to 1.1e-5 at layer 1. ' +
      'With shortcuts each block’s Jacobian is ∂F/∂x + I, between 1.02 and 1.14, and layer 1 gets 2.1e3: eight orders of magnitude more.',
  },
  {
    id: 'residual-degradation',
    title: 'Degradation: plain 6, plain 30 and residual 30 layers on the spiral',
    query: 'data=spiral&depth=30&width=32&act=relu&init=he_normal&batch=32&lr=0.05&alpha=invsqrt&vs=depth:6;residual:1',
    notice:
      'Press Play: three nets on the same batches. At step 1000 the plain 30-layer net’s training loss is 0.37, the plain 6-layer net’s 0.11: ' +
      'the deeper net trains worse, though it could copy the shallow one. The residual 30-layer net (branches scaled by α = 1/√15) is at 0.10.',
  },
  {
    id: 'residual-zero-branch',
    title: 'A zero-initialized branch: every block starts as the identity (30 layers, He)',
    query: 'depth=30&act=relu&init=he_normal&residual=1&alpha=zero&vs=alpha:one;alpha:invsqrt',
    notice:
      'With each branch’s last layer at zero, E[x²] of the stream stays 0.49 through all 15 blocks and every block’s Jacobian below the top is exactly 1; ' +
      'the first layer of each branch gets no gradient yet (exactly 0). With α = 1 the stream grows about ×2.4 per block, to 4.2e5, and layer 1’s gradient is 3.4e4; with α = 1/√15 the stream ends at 2.9.',
  },
  {
    id: 'residual-aux-sigmoid',
    title: 'Auxiliary classifiers rescue a 20-layer sigmoid net (digits)',
    query: 'data=digits&depth=20&width=64&act=sigmoid&init=xavier_normal&gain=4&lr=0.5&batch=32&aux1=7&aux2=14&vs=aux1:0,aux2:0',
    notice:
      'Press Play. Twenty sigmoid layers (Xavier × 4: sigmoid’s slope at 0 is 1/4): on its own the net is still at chance after 1000 steps, 11.4% test accuracy. ' +
      'Softmax heads on layers 7 and 14 (λ = 0.3) give the lower layers a short gradient path, and the same net reaches 68.5%.',
  },
];
