import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/contract/config.ts';
import { fastConfig } from './fastConfig.ts';

describe('fastConfig: the nearest configuration that trains live', () => {
  it('keeps the depth and cuts width and batch to the data set\'s training size', () => {
    expect(fastConfig(parseQuery('depth=30&width=256&batch=256&data=spiral').config)).toEqual({
      patch: { width: 32, batch: 32 }, label: '30 × 32 at batch 32', now: 'this 30 × 256 network at batch 256',
    });
    expect(fastConfig(parseQuery('depth=10&width=256&batch=256&data=digits').config)?.patch).toEqual({ width: 64, batch: 32 });
  });
  it('has nothing to offer a network already at or under the training size, or without data', () => {
    expect(fastConfig(parseQuery('data=spiral').config)).toBeNull();
    expect(fastConfig(parseQuery('data=spiral&width=8&batch=16').config)).toBeNull();
    expect(fastConfig(parseQuery('').config)).toBeNull();
  });
});
