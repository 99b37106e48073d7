import { describe, expect, it } from 'vitest';
import { parseQuery } from '../contract/config.ts';
import { stat } from '../contract/probeLayout.ts';
import { measureTraining, normState } from './snapshot.ts';
import { NORM_FIELDS } from '../contract/trainLayout.ts';
import { Trainer } from './trainer.ts';
import { blocksOf } from '../testing/blocks.ts';

const trainer = (query: string) => new Trainer(parseQuery(query).config, null);

describe('residual networks in training', () => {
  it.each(['post', 'pre'] as const)('alpha=zero with batch norm (%s form): each block is exactly the identity, or ReLU of it, at step 0', (resform) => {
    // post: the branch ends in BN, whose gamma and beta start at 0; pre: it ends in a dense layer, which starts at 0
    const t = trainer(`data=spiral&depth=6&width=8&batch=16&act=relu&init=he_normal&residual=1&alpha=zero&norm=batch&resform=${resform}`);
    t.initialPass();
    const { cache, net } = t;
    for (const b of blocksOf(net)) {
      if (b.projection) continue; // the first block's skip is a projection of the 2 inputs
      const x = cache.taps[b.first - 1].output.data, y = cache.taps[b.last].output.data;
      expect(y, `block ${b.index + 1}`).toEqual(Float32Array.from(x, (v) => (resform === 'post' ? Math.max(0, v) : v)));
    }
    const last = net.units[blocksOf(net)[1].last];
    if (resform === 'post') expect([...last.norm!.gamma.data, ...last.norm!.beta.data].every((v) => v === 0)).toBe(true);
    else expect(last.weight.data.every((v) => v === 0)).toBe(true);
    // and training moves the branch off zero
    t.run(5);
    const moved = resform === 'post' ? last.norm!.gamma.data : last.weight.data;
    expect(moved.some((v) => v !== 0)).toBe(true);
  });

  it('the training probe has the stream and the block Jacobians (plain nets: per pair of hidden layers, not the head)', () => {
    for (const query of ['data=moons&depth=5&width=8&batch=16&residual=1', 'data=moons&depth=5&width=8&batch=16']) {
      const t = trainer(query);
      const probe = measureTraining(t);
      const has = (f: 'streamM2' | 'blockJacobian') => Array.from({ length: probe.depth }, (_, l) => !Number.isNaN(stat(probe, l, f)));
      expect(has('blockJacobian'), query).toEqual([false, true, false, true, false, false]);
      expect(has('streamM2'), query).toEqual(query.includes('residual') ? [false, true, false, true, false, false] : [false, false, false, false, false, false]);
      t.run(3);
      expect(stat(measureTraining(t), 1, 'blockJacobian')).toBeGreaterThan(0);
    }
  });

  it('normState: every hidden layer width-wide; a pre-form first layer that normalizes the 2 inputs is NaN', () => {
    const t = trainer('data=spiral&depth=4&width=8&batch=16&residual=1&resform=pre&norm=batch');
    t.run(2);
    const norm = normState(t)!;
    const block = NORM_FIELDS.length * 8;
    expect(norm.length).toBe(4 * block);
    expect(norm.subarray(0, block).every(Number.isNaN)).toBe(true);
    expect(norm.subarray(block).every(Number.isFinite)).toBe(true);
  });
});
