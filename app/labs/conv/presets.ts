/**
 * The convolution lab's presets: press Play or Step; each notice quotes what the CLI prints for the
 * same query (`npm run probe -- "<query>" --steps N`, seed 1), and presets.test.ts beside this file
 * trains each and checks every number quoted.
 */
import type { Preset } from '../../presets/presets.ts';
import { LENET5_28 } from './convArchs.ts';

export const CONV_PRESETS: readonly Preset[] = [
  {
    id: 'conv-lenet5',
    title: 'LeNet-5 on the 28×28 digits',
    query: `data=mnist&arch=${encodeURIComponent(LENET5_28)}&init=xavier_normal&opt=adam&lr=0.001&batch=32&evalevery=100`,
    notice: 'LeNet-5 as in 1998 (tanh, average pools), C1 padded so the 28×28 digit fills the paper’s 32×32 field. Its first layer has 156 parameters where a dense layer between the same shapes would need 4,821,600.',
  },
];
