import { describe, expect, it } from 'vitest';
import { isTransparent } from './standaloneSvg.ts';
import { genericFamily, round } from './svgCopy.ts';

describe('genericFamily', () => {
  it.each([
    [`system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif`, 'sans-serif'],
    [`ui-monospace, 'DejaVu Sans Mono', monospace`, 'monospace'],
    [`"Courier New"`, 'monospace'],
    [`Georgia, "Times New Roman", serif`, 'serif'],
    [`KaTeX_Main, "Times New Roman", serif`, 'serif'],
    [`Inter`, 'sans-serif'],
    [``, 'sans-serif'],
  ])('%s -> %s', (family, expected) => {
    expect(genericFamily(family)).toBe(expected);
  });
});

describe('isTransparent', () => {
  it.each([
    ['rgba(0, 0, 0, 0)', true],
    ['transparent', true],
    ['', true],
    ['rgb(255, 255, 255)', false],
    ['rgba(24, 27, 33, 0.5)', false],
  ])('%s -> %s', (color, expected) => {
    expect(isTransparent(color)).toBe(expected);
  });
});

describe('round', () => {
  it('keeps two decimals', () => {
    expect(round(20.304999)).toBe(20.3);
    expect(round(-0.126)).toBe(-0.13);
  });
});
