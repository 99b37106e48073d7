import { describe, expect, it } from 'vitest';
import { parseArchQuery } from './query.ts';

describe('parseArchQuery: the input shape', () => {
  it('an image data set fixes it; a 2D set or none leaves the full-size image', () => {
    const input = (q: string) => parseArchQuery(`arch=conv3-8,relu,gap,fc10&${q}`).input;
    expect(input('data=digits')).toEqual([1, 8, 8]);
    expect(input('data=mnist')).toEqual([1, 28, 28]);
    expect(input('data=fashion&size=32')).toEqual([1, 32, 32]);
    expect(input('data=spiral')).toEqual([3, 224, 224]);
    expect(input('data=constructor')).toEqual([3, 224, 224]);
  });
});
