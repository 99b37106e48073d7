import { describe, expect, it } from 'vitest';
import { AUG_OPS, AUG_PARAMS, parseAug } from '../../../../engine/contract/augment.ts';
import { AUG_CONTROLS, opsOf, ruleOf, withOp } from './augmentEdit.ts';

describe('the augmentation controls', () => {
  it('switch an op on with its default, change a strength, switch it off: the value stays canonical', () => {
    let aug = withOp('', 'noise', [0.1]);
    expect(aug).toBe('noise:0.1');
    aug = withOp(aug, 'shift', [1]);
    expect(aug).toBe('shift:1_noise:0.1');
    aug = withOp(aug, 'elastic', [2, 1]);
    expect(aug).toBe('shift:1_elastic:2:1_noise:0.1');
    expect(withOp(aug, 'shift', null)).toBe('elastic:2:1_noise:0.1');
    expect(opsOf(aug)).toEqual(['shift', 'elastic', 'noise']);
  });

  it('every op has a control whose defaults and slider stops the codec accepts', () => {
    expect(AUG_CONTROLS.map((c) => c.op)).toEqual([...AUG_OPS]);
    for (const c of AUG_CONTROLS) {
      expect(parseAug(withOp('', c.op, c.defaults)).ok, c.op).toBe(true);
      c.stops.forEach((stops, k) => {
        expect(stops.length).toBeGreaterThan(1);
        for (const s of stops) expect(parseAug(withOp('', c.op, c.defaults.map((d, j) => (j === k ? s : d)))).ok, `${c.op} ${s}`).toBe(true);
      });
      AUG_PARAMS[c.op].forEach((p, k) => expect(ruleOf(c.op, k)).toEqual({ kind: p.integer ? 'int' : 'float', min: p.min, max: p.max }));
    }
  });
});
