/**
 * The augmentation presets of the regularization lab: 100 training digits (10 per class, 8×8),
 * without augmentation beside shifts, elastic warps and everything stacked, trained in lockstep on
 * the same batches. Each notice quotes the test accuracy at step 1500 for the link's seed (the
 * accuracy table's row 1500; `npm run probe -- "<query>" --steps 1500`) and the mean over seeds
 * 1–5 (`npx tsx scripts/measure-regularization.ts --steps 1500 --seeds 1,2,3,4,5 "<query>&aug=…"`);
 * presets.test.ts beside this file trains every run and checks every number.
 */
import type { Preset } from '../../../presets/presets.ts';

/** 100 training digits, a 2 × 64 tanh net, Adam: it fits the 100 to zero loss in a few hundred steps. */
export const SCARCE_DIGITS = 'data=digits&ntrain=10&depth=2&width=64&batch=32&opt=adam&lr=0.003&evalevery=100';
export const SHIFTS = 'shift:1';
/** The same net and budget on 100 MNIST digits at 28×28, where a pixel is a small part of a digit. */
export const SCARCE_MNIST = 'data=mnist&ntrain=10&depth=2&width=64&batch=32&opt=adam&lr=0.003&evalevery=100';
/** Simard et al. (2003)'s MNIST setting: alpha 34, sigma 4 (about 1.4 pixels of displacement). */
export const SIMARD = 'elastic:34:4';
export const ELASTIC = 'elastic:2:1';
export const STACKED = 'shift:1_subpixel:0.5_rotate:10_scale:0.1_elastic:2:1_noise:0.1_cutout:3_mixup:0.2';

export const AUGMENT_PRESETS: readonly Preset[] = [
  {
    id: 'aug-shifts',
    title: '100 digits: no augmentation vs one-pixel shifts',
    query: `${SCARCE_DIGITS}&vs=aug:${SHIFTS}`,
    notice:
      'Press Play and stop past step 1500. One-pixel shifts cost accuracy here: 90.3% without, 82.2% with at step 1500 (seeds 1–5: 89.5% vs 82.7%). ' +
      'The 8×8 digits are centred and fill their frame, so one pixel is an eighth of the image: strokes leave the frame, and a dense net with no ' +
      'translation invariance spends its 100 examples on positions the test digits never take.',
  },
  {
    id: 'aug-elastic',
    title: '100 digits: no augmentation vs elastic warps (Simard et al. 2003)',
    query: `${SCARCE_DIGITS}&vs=aug:${ELASTIC}`,
    notice:
      'Elastic warps (α 2, σ 1: about a third of a pixel of smooth displacement) keep each digit in place and bend its strokes, as handwriting varies. ' +
      'At step 1500: 90.3% without, 92.5% with (seeds 1–5: 89.5% vs 92.7%, the largest gain of any single augmentation here).',
  },
  {
    id: 'aug-stacked',
    title: '100 digits: no augmentation vs everything stacked',
    query: `${SCARCE_DIGITS}&vs=aug:${STACKED}`,
    notice:
      'Shifts, sub-pixel shifts, rotation, scaling, elastic warps, noise, cutout and mixup all at once: on 64 pixels that is more distortion than signal. ' +
      'At step 1500: 90.3% without, 74.4% with (seeds 1–5: 89.5% vs 74.3%). More augmentation is not more regularization for free.',
  },
  {
    id: 'aug-four',
    title: '100 digits: none, shifts, elastic, everything, side by side',
    query: `${SCARCE_DIGITS}&vs=aug:${SHIFTS};aug:${ELASTIC};aug:${STACKED}`,
    notice:
      'The four runs in lockstep on the same batches; the grid shows what each trains on. At step 1500: no augmentation 90.3%, shifts 82.2%, elastic 92.5%, ' +
      'everything 74.4% (seeds 1–5: 89.5%, 82.7%, 92.7%, 74.3%).',
  },
  {
    id: 'aug-mnist',
    title: '100 MNIST digits (28×28): none, one-pixel shifts, Simard\'s elastic warps',
    query: `${SCARCE_MNIST}&vs=aug:${SHIFTS};aug:${SIMARD}`,
    notice:
      'The same net, the same 100-example budget and the same one-pixel shifts as on the 8×8 digits, but at 28×28 a pixel is a small part of a digit ' +
      'with a margin around it, and shifts help; Simard et al.\'s elastic warps (α 34, σ 4) help most. At step 1500: 74.8% without, 80.9% with shifts, 85.0% with elastic warps.',
  },
];
