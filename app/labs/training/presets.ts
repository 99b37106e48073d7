/**
 * The training lab's presets, in the shape of presets.ts: press Play or +100, the notice says at
 * which step its numbers hold (`npm run probe -- "<query>" --steps N`, seed 1); presets.test.ts
 * beside this file trains each and checks every number quoted.
 */
import type { Preset } from '../../presets/presets.ts';

/** Ioffe & Szegedy's Figure 1 network on the digits: 3 hidden layers of 100 sigmoid units, N(0, 1) weights, SGD at 0.5. */
const FIGURE_1 = 'data=digits&depth=3&width=100&act=sigmoid&init=normal&std=1&lr=0.5';

export const TRAINING_PRESETS: readonly Preset[] = [
  {
    id: 'bn-figure-1',
    title: 'Ioffe & Szegedy, Figure 1: digits, 3 × 100 sigmoid, without and with BN',
    query: `${FIGURE_1}&batch=60&evalevery=100&vs=norm:batch`,
    notice:
      'Press Play. Without batch norm the input of the tracked unit (layer 3, unit 1) drifts: its median moves from 4.6 to 7.4 in the first 400 steps. ' +
      'With batch norm it stays centred (median 0.04, 15th–85th percentile −0.94 to 0.94 at step 400). Test accuracy at step 1000: 91.4% without, 96.7% with.',
  },
  {
    id: 'bn-batch-2',
    title: 'Batch norm with batches of 2',
    query: `${FIGURE_1}&batch=2&norm=batch&vs=norm:none`,
    notice:
      'The mean and variance of 2 examples are mostly noise, and every example is normalized by them. Press +100 ten times: ' +
      'at step 1000 the BN net is at 26% training and 48% test accuracy; the same net without BN, on the same batches, at 87% and 81%.',
  },
  {
    id: 'bn-train-eval',
    title: 'Train/eval mismatch: running statistics that lag (BN momentum 0.001)',
    query: `${FIGURE_1}&batch=60&norm=batch&bnmom=0.001`,
    notice:
      'Each batch moves the running estimates only 0.1% of the way, so after 300 steps they still describe the untrained net. ' +
      'Training accuracy is 96%, but the test set in eval mode (running statistics) gets 54%; switch Test-time statistics to the batch’s own and it gets 94%.',
  },
  {
    id: 'deep-sigmoid-bn',
    title: 'A 10-layer sigmoid net, without and with batch norm',
    query: 'data=digits&depth=10&width=64&act=sigmoid&init=xavier_normal&lr=0.5&batch=32&vs=norm:batch',
    notice:
      'Ten sigmoid layers squash the gradient on its way down: without BN the net is still at chance (11% test accuracy) after 1000 steps. ' +
      'With BN every layer’s input is re-centred and rescaled, and the same net reaches 97%.',
  },
];
