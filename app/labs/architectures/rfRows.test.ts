import { describe, expect, it } from 'vitest';
import { analyse } from './archRows.ts';
import { defaultLayer, recurrence, regionOf } from './rfRows.ts';

describe('the receptive-field recurrence', () => {
  it('two 3x3 convs then a 2x2 pool then a 3x3 conv: 3, 5, 6, 10 with jumps 1, 1, 2, 2', () => {
    const { rows } = analyse('conv3-8,relu,conv3-8,max2,conv3-8', null, [3, 32, 32]).report!;
    expect(recurrence(rows, null).map((s) => [s.rf, s.jump, s.extent, s.stride])).toEqual([[3, 1, 3, 1], [5, 1, 3, 1], [6, 2, 2, 2], [10, 2, 3, 1]]);
    expect(recurrence(rows, 'conv2').map((s) => s.rf)).toEqual([3, 5]);
  });

  it('VGG-16: 196 at the last conv, 212 after the last pool (jump 32)', () => {
    const { rows } = analyse('vgg16', null).report!;
    const steps = recurrence(rows, 'features.28');
    expect(steps[steps.length - 1]).toMatchObject({ rf: 196, jump: 16 });
    expect(defaultLayer(rows)).toBe('avgpool'); // adapt7 on 7x7: the field stays 212
    expect(recurrence(rows, 'features.30').pop()).toMatchObject({ rf: 212, jump: 32 });
  });

  it('places the middle unit\'s field on the input, clipped to it', () => {
    expect(regionOf({ rf: 5, jump: 1 }, 9)).toMatchObject({ from: 2, to: 6, onImage: 1 });
    const big = regionOf({ rf: 212, jump: 32 }, 32);
    expect(big.from).toBeLessThan(0);
    expect(big.onImage).toBeCloseTo((32 / 212) ** 2);
  });
});
