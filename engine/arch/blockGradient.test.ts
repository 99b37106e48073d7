/**
 * The block Jacobian's measurement (ArchState.stream.blocks): each residual block's gradient norm
 * at its input, at the sum x + F(x) and at its output, from the backward pass of the latest batch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../contract/config.ts';
import { parseDigits } from '../data/digits.ts';
import { ResBlock } from '../model/layers/conv/residual.ts';
import { createArchRun } from './run.ts';

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url))));
const query = 'data=digits&arch=tiny_resnet&init=he_normal&batch=32';

describe('the block gradients of a residual CNN', () => {
  it('one row per residual block, the stride-2 one a projection; finite, and the ReLU after the sum only masks', () => {
    const run = createArchRun(parseQuery(query).config, digits);
    const { blocks, kinds } = run.archState().stream;
    expect(blocks.map((b) => [b.module, kinds[b.module], b.projection])).toEqual([[1, 'resblock', false], [2, 'resblock', true], [3, 'resblock', false]]);
    for (const b of blocks) {
      for (const v of [b.gradIn, b.gradSum, b.gradOut]) expect(v).toBeGreaterThan(0);
      // dL/d(sum) = dL/d(output) times the ReLU's 0/1 mask: never larger
      expect(b.gradSum).toBeLessThanOrEqual(b.gradOut * (1 + 1e-6));
    }
    // a block's output gradient is the next block's input gradient
    expect(blocks[1].gradOut).toBeCloseTo(blocks[2].gradIn, 5);
    expect(blocks[0].gradOut).toBeCloseTo(blocks[1].gradIn, 5);
  });

  it('∂x(k+1)/∂x(k) = ∂F/∂x + I: with the branch silenced (last BN gamma 0) the identity block passes the sum gradient exactly', () => {
    const run = createArchRun(parseQuery(query).config, digits);
    const blocks = run.net.layers.filter((l): l is ResBlock => l instanceof ResBlock);
    for (const b of blocks) b.branch[b.branch.length - 1].units[0].norm!.gamma.data.fill(0);
    const measured = run.archState().stream.blocks;
    for (const b of measured.filter((x) => !x.projection)) expect(b.gradIn / b.gradSum).toBeCloseTo(1, 6);
    // with the branch alive, ∂F/∂x adds to the identity: the ratio moves away from 1
    const live = createArchRun(parseQuery(query).config, digits).archState().stream.blocks.filter((x) => !x.projection);
    for (const b of live) expect(Math.abs(b.gradIn / b.gradSum - 1)).toBeGreaterThan(1e-3);
  });
});
