import { describe, expect, it } from 'vitest';
import { decadeSteps, linearScale, neighbours, powerOfTwoSteps, steppedScale } from './scales.ts';

describe('slider scales', () => {
  it('a linear scale snaps to its step without float noise and clamps', () => {
    const bias = linearScale(-2, 2, 0.05);
    expect(bias.toValue(-0.2000001)).toBe(-0.2);
    expect(bias.toValue(0.15)).toBe(0.15);
    expect(bias.toValue(7)).toBe(2);
    expect(bias.toPosition(-100)).toBe(-2);
    const depth = linearScale(1, 200, 1);
    expect(depth.toValue(50)).toBe(50);
    expect(depth.toPosition(37)).toBe(37);
  });

  it('powers of two with the steps between them', () => {
    expect(powerOfTwoSteps(1024)).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024]);
    expect(powerOfTwoSteps(4096).slice(-3)).toEqual([2048, 3072, 4096]);
    expect(powerOfTwoSteps(100).slice(-2)).toEqual([64, 100]);
  });

  it('round numbers over decades, exactly', () => {
    const steps = decadeSteps(-4, 1);
    expect(steps[0]).toBe(0.0001);
    expect(steps).toContain(0.01);
    expect(steps).toContain(0.00012);
    expect(steps).toContain(1);
    expect(steps[steps.length - 1]).toBe(10);
    expect(steps).toHaveLength(51);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
  });

  it('a stepped scale finds the nearest stop on a log axis and round-trips its own stops', () => {
    const width = steppedScale(powerOfTwoSteps(1024));
    expect(width.toValue(width.toPosition(256))).toBe(256);
    expect(width.toValue(width.toPosition(100))).toBe(96);
    expect(width.toValue(width.toPosition(5000))).toBe(1024);
    expect(width.toValue(-3)).toBe(1);
    const std = steppedScale(decadeSteps(-4, 1));
    for (const v of decadeSteps(-4, 1)) expect(std.toValue(std.toPosition(v))).toBe(v);
    expect(std.toValue(std.toPosition(0))).toBe(0.0001);
    expect(std.toValue(std.toPosition(60))).toBe(10);
    expect(() => steppedScale([1])).toThrow();
  });
});

describe('neighbours', () => {
  it('gives the values a step either side, the way the slider moved first, one at an end', () => {
    const gain = linearScale(0.05, 4, 0.05);
    expect(neighbours(gain, 1.1)).toEqual([1.15, 1.05]);
    expect(neighbours(gain, 1.1, -1)).toEqual([1.05, 1.15]);
    expect(neighbours(gain, 4)).toEqual([3.95]);
    const widths = steppedScale([16, 32, 64, 128, 256]);
    expect(neighbours(widths, 64, -1)).toEqual([32, 128]);
    expect(neighbours(widths, 16)).toEqual([32]);
  });
});
