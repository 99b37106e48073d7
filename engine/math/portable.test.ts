import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, log, sin, tanh } from './portable.ts';
import { referenceExp, referenceLog } from '../testing/fdlibmReference.ts';

const ULP_REL = 2 ** -52;
function inputs(): number[] {
  const xs: number[] = [];
  for (let i = 0; i < 40000; i++) xs.push((i - 20000) * 0.0371 + 1e-9 * i);
  for (let e = -1074; e <= 1023; e += 7) xs.push(2 ** e, -(2 ** e));
  return xs;
}

describe('portable transcendental functions', () => {
  it('exp and log are fdlibm: they equal Node\'s V8 (fdlibm) results, or differ by at most 1 ulp', () => {
    let worstExp = 0, worstLog = 0;
    for (const x of inputs()) {
      const e = exp(x), m = Math.exp(x);
      if (e !== m) worstExp = Math.max(worstExp, Math.abs(e - m) / Math.abs(m));
      const ax = Math.abs(x);
      if (ax > 0) {
        const l = log(ax), ml = Math.log(ax);
        if (l !== ml) worstLog = Math.max(worstLog, Math.abs(l - ml) / Math.abs(ml));
      }
    }
    expect(worstExp).toBeLessThanOrEqual(2 * ULP_REL);
    expect(worstLog).toBeLessThanOrEqual(2 * ULP_REL);
  });

  it('expm1 and tanh agree with Math to a few ulps, including tiny arguments', () => {
    for (const x of inputs()) {
      if (Math.abs(x) > 700) continue;
      const a = expm1(x), b = Math.expm1(x);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(4 * ULP_REL * Math.abs(b) + Number.MIN_VALUE);
      const t = tanh(x), u = Math.tanh(x);
      expect(Math.abs(t - u)).toBeLessThanOrEqual(4 * ULP_REL * Math.abs(u) + Number.MIN_VALUE);
    }
  });

  it('sin and cos agree with Math to ~1e-15 on the toy data sets\' angles', () => {
    for (let i = 0; i < 20000; i++) {
      const x = (i - 10000) * 0.00377;
      expect(Math.abs(sin(x) - Math.sin(x))).toBeLessThan(2e-15);
      expect(Math.abs(cos(x) - Math.cos(x))).toBeLessThan(2e-15);
    }
  });

  it('handles the edges: NaN, infinities, zero, overflow and underflow', () => {
    expect(exp(NaN)).toBeNaN();
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(exp(-740)).toBeGreaterThan(0); // subnormal result
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(1)).toBe(0);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(Number.MIN_VALUE)).toBeCloseTo(-744.4400719213812, 12);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(expm1(-Infinity)).toBe(-1);
    expect(expm1(Infinity)).toBe(Infinity);
  });
});

describe('portable exp and log: the faster forms are fdlibm bit for bit', () => {
  const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
  const bits = (hi: number, lo: number) => { u32[1] = hi >>> 0; u32[0] = lo >>> 0; return f64[0]; };
  function cases(): number[] {
    const xs = [0, -0, NaN, Infinity, -Infinity, 1, -1, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 709.78, 709.79, -745.13, -745.14];
    // every high-word threshold the two functions test, with the low words at its edges, both signs
    const edges = [0x3fe6a09c, 0x3ff6a09c, 0x3feffffe, 0x3fefffff, 0x3ff00000, 0x3ff00001, 0x3ff6147a, 0x3ff6b851, 0x3fe6147a, 0x3fe6b851,
      0x40862e42, 0x3fd62e42, 0x3fd62e43, 0x3ff0a2b2, 0x3ff0a2b1, 0x3e300000, 0x3e2fffff, 0x00100000, 0x000fffff];
    for (const h of edges) for (const h2 of [h - 1, h, h + 1]) for (const lo of [0, 1, 0x7fffffff, 0xffffffff]) xs.push(bits(h2, lo), -bits(h2, lo));
    let seed = 20261206;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 120_000; i++) {
      const r = next();
      switch (i % 6) {
        case 0: xs.push(0.6 + 1.1 * r); break; // log's fast path and its edges
        case 1: xs.push(r - 0.5); break; // expm1's Kahan range
        case 2: xs.push((r - 0.5) * 50); break;
        case 3: xs.push((r - 0.5) * 1500); break; // overflow and underflow
        case 4: xs.push(bits(next() * 2 ** 32, next() * 2 ** 32)); break; // any double
        default: xs.push((r - 0.5) * 1e-7);
      }
    }
    return xs;
  }
  it('exp and log equal the typed-array transcription on 120,000 inputs and every threshold', () => {
    let mismatches = 0;
    const first: string[] = [];
    for (const x of cases()) {
      for (const [name, mine, ref] of [['exp', exp(x), referenceExp(x)], ['log', log(x), referenceLog(x)]] as const) {
        if (!Object.is(mine, ref)) {
          mismatches++;
          if (first.length < 5) first.push(`${name}(${x}) = ${mine}, fdlibm ${ref}`);
        }
      }
    }
    expect(first).toEqual([]);
    expect(mismatches).toBe(0);
  });
});
