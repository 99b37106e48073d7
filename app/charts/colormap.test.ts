import { describe, expect, it } from 'vitest';
import { mixRgb, parseRgb, viridis, VIRIDIS_STOPS } from './colormap.ts';

describe('viridis', () => {
  it('runs from dark purple to yellow, clamped outside 0..1', () => {
    expect(viridis(0)).toEqual([0x44, 0x01, 0x54]);
    expect(viridis(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(7)).toEqual(viridis(1));
    expect(viridis(NaN)).toEqual(viridis(0));
  });

  it('gets lighter all the way (it stays ordered on a washed-out projector or in greyscale)', () => {
    const luma = ([r, g, b]: readonly number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    for (let i = 1; i <= 100; i++) expect(luma(viridis(i / 100))).toBeGreaterThan(luma(viridis((i - 1) / 100)));
    expect(VIRIDIS_STOPS[0]).toEqual([0, 'rgb(68, 1, 84)']);
  });
});

describe('parseRgb and mixRgb', () => {
  it('reads the forms a theme and a canvas write', () => {
    expect(parseRgb('#0072b2')).toEqual([0, 0x72, 0xb2]);
    expect(parseRgb(' #FFF ')).toEqual([255, 255, 255]);
    expect(parseRgb('#11223344')).toEqual([0x11, 0x22, 0x33]);
    expect(parseRgb('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseRgb('rgba(1 2 3 / 50%)')).toEqual([1, 2, 3]);
    expect(parseRgb('var(--x)')).toBeNull();
  });

  it('mixes channel by channel', () => {
    expect(mixRgb([0, 0, 0], [200, 100, 50], 0.5)).toEqual([100, 50, 25]);
  });
});
