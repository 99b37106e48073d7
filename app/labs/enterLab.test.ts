import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../engine/contract/config.ts';
import { enterLab } from './enterLab.ts';
import { impliedLab } from './registry.ts';

const config = (q: string) => parseQuery(q).config;

describe('opening a lab', () => {
  it('keeps the experiment when the lab has something to show', () => {
    expect(enterLab('init', config('data=spiral&depth=3'))).toBeNull();
    expect(enterLab('training', config('data=digits'))).toBeNull();
    expect(enterLab('residual', config('depth=20&vs=residual:1'))).toBeNull();
    expect(enterLab('residual', config('aux1=3&data=spiral'))).toBeNull();
  });

  it('gives training a data set and the residual lab its shortcuts, and then implies that lab', () => {
    const plain = config('depth=6&act=relu');
    expect(enterLab('training', plain)).toEqual({ data: 'spiral' });
    expect(impliedLab({ ...plain, data: 'spiral' })).toBe('training');
    expect(enterLab('residual', plain)).toEqual({ residual: 1 });
    expect(impliedLab({ ...plain, residual: 1 })).toBe('residual');
    expect(enterLab('regularization', plain)).toEqual({ data: 'digits', ntrain: 10 });
    expect(impliedLab({ ...plain, data: 'digits', ntrain: 10 })).toBe('regularization');
    expect(enterLab('regularization', config('data=moons'))).toBeNull();
  });

  it('reads the lab an old link meant from its keys', () => {
    expect(impliedLab(config(''))).toBe('init');
    expect(impliedLab(config('data=spiral'))).toBe('training');
    expect(impliedLab(config('residual=1'))).toBe('residual');
    expect(impliedLab(config('data=digits&aux2=5'))).toBe('residual');
  });
});
