import { describe, expect, it } from 'vitest';
import { checkLayerGradients } from '../../testing/layerCheck.ts';
import { createAuxHead } from './auxHead.ts';

describe('auxiliary head', () => {
  it('reads a unit of the given width and gives one logit per class', () => {
    const head = createAuxHead({ at: 2, classes: 3 }, [6]);
    expect([head.at, head.inputShape, head.outputShape, head.fans()]).toEqual([2, [6], [3], { fanIn: 6, fanOut: 3 }]);
    expect(head.params().map((p) => [p.name, p.decay])).toEqual([['weight', true], ['bias', false]]);
  });

  it('every gradient matches central differences (the head is linear: no truncation)', () => {
    checkLayerGradients(createAuxHead({ at: 0, classes: 3 }, [4]), 5, 31, { eps: 1e-2, tolerance: 1e-2, roundingsPerOutput: 8 });
  });
});
