/**
 * exp, log, expm1 and tanh in plain IEEE arithmetic (+ - * / only), so every JavaScript engine
 * computes the same bits. The built-in Math.exp, Math.log and Math.tanh are NOT bit-identical
 * across V8 versions: Node 20 and a current Chromium differ in the last bit of about 4% of
 * results, which breaks "the same link gives the same numbers on every machine".
 * exp and log are ports of fdlibm's e_exp.c and e_log.c (Sun Microsystems, 1993; freely
 * redistributable), the algorithms V8 itself shipped for years: error below 1 ulp.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: u32[1] is the high word

/** A double whose high word is h and low word 0 (a threshold fdlibm states as a high word). */
function highWord(h: number): number {
  f64[0] = 0;
  u32[1] = h;
  return f64[0];
}

const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.80143985094819840000e+16;
const LG1 = 6.666666666666735130e-01;
const LG2 = 3.999999999940941908e-01;
const LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01;
const LG5 = 1.818357216161805012e-01;
const LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;

// log's fast path: x in [LOG_NEAR_LO, LOG_NEAR_HI) is already fdlibm's normalized x (the interval
// [sqrt(2)/2, sqrt(2)) to its high word's precision) with k = 0, and its high word's 20 mantissa
// bits are (m - 1) 2^20 rounded down, m = x or 2x in [1, 2), computed exactly (Sterbenz).
const LOG_NEAR_LO = highWord(0x3fe6a09c); // 0.70710563...
const LOG_NEAR_HI = highWord(0x3ff6a09c); // 1.41421127...

/**
 * Natural logarithm (fdlibm e_log.c). Near 1 (e^x for |x| < 0.5, what expm1 and so tanh and the
 * cross-entropies take) the exponent and mantissa bits come from arithmetic instead of a typed-array
 * round trip; the same operations follow, so the bits are fdlibm's (portable.test.ts).
 */
export function log(x: number): number {
  if (x >= LOG_NEAR_LO && x < LOG_NEAR_HI) {
    const m = x < 1 ? 2 * x : x;
    return logReduced(x, 0, Math.floor((m - 1) * 1048576));
  }
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  f64[0] = x;
  let hx = u32[1] | 0;
  let k = 0;
  if (hx < 0x00100000) { // subnormal: scale up
    k -= 54;
    x *= TWO54;
    f64[0] = x;
    hx = u32[1] | 0;
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  u32[1] = hx | (i ^ 0x3ff00000); // normalize x or x/2 into [sqrt(2)/2, sqrt(2))
  x = f64[0];
  k += i >> 20;
  return logReduced(x, k, hx);
}

/** fdlibm's log after the reduction: x in [sqrt(2)/2, sqrt(2)), the result + k ln 2; hx: x's mantissa high bits. */
function logReduced(x: number, k: number, hx: number): number {
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // -2^-20 <= f < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i2 = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i2 |= j;
  const r = t2 + t1;
  if (i2 > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}

const O_THRESHOLD = 7.09782712893383973096e+02;
const U_THRESHOLD = -7.45133219101941108420e+02;
const INV_LN2 = 1.44269504088896338700e+00;
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
const TWO_M1000 = 9.33263618503218878990e-302;

// fdlibm tests |x|'s high word against these; for non-negative doubles the order of the bits is the
// order of the values, so `hx >= H` is `|x| >= highWord(H)` and the typed-array round trip goes.
const ABS_OVERFLOW = highWord(0x40862e42); // |x| >= 709.78
const ABS_HALF_LN2 = highWord(0x3fd62e43); // |x| > 0.5 ln2 (the high word above 0x3fd62e42)
const ABS_1_5_LN2 = highWord(0x3ff0a2b2); // |x| < 1.5 ln2
const ABS_TINY = highWord(0x3e300000); // |x| < 2^-28
/** 2^k for k = -1074..1023: scaling by an exact power of two is what fdlibm's exponent-field add does. */
const POW2 = new Float64Array(1023 + 1074 + 1);
for (let k = -1074; k <= 1023; k++) POW2[k + 1074] = 2 ** k;

/**
 * e^x (fdlibm e_exp.c). The same operations in the same order as fdlibm's; the high-word tests are
 * comparisons of |x| with doubles, and the exponent-field add a multiplication by an exact power of
 * two (exact for every finite result), so the bits are fdlibm's (portable.test.ts checks them
 * against the bit-twiddling transcription) at about half the cost in V8.
 */
export function exp(x: number): number {
  if (x !== x) return x;
  const negative = x < 0;
  const ax = negative ? -x : x;
  if (ax >= ABS_OVERFLOW) {
    if (ax === Infinity) return negative ? 0 : x;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0, lo = 0, k = 0;
  if (ax >= ABS_HALF_LN2) {
    if (ax < ABS_1_5_LN2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < ABS_TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k > 1023) return y * 2 * POW2[1023 + 1074]; // 2^1024 is not a double; y * 2 is exact
  if (k >= -1021) return y * POW2[k + 1074];
  return y * POW2[k + 1000 + 1074] * TWO_M1000;
}

/**
 * e^x - 1, accurate near 0 by Kahan's trick: with u = e^x rounded, (u - 1) x / log(u) cancels
 * the rounding error of u (W. Kahan; Higham, Accuracy and Stability, 1.14.1).
 */
export function expm1(x: number): number {
  if (x !== x) return x;
  if (x >= 0.5 || x <= -0.5) return exp(x) - 1;
  const u = exp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  if (um1 === -1) return -1;
  return (um1 * x) / log(u);
}

// sin and cos for the moderate angles the toy data sets use: Cody-Waite reduction by pi/2 in two
// parts, then Taylor polynomials on [-pi/4, pi/4] (error below 1e-16 there).
const PIO2_HI = 1.57079632673412561417e+00;
const PIO2_LO = 6.07710050650619224932e-11;
const TWO_OVER_PI = 6.36619772367581382433e-01;

function sinKernel(r: number): number {
  const z = r * r;
  return r + r * z * (-1 / 6 + z * (1 / 120 + z * (-1 / 5040 + z * (1 / 362880 + z * (-1 / 39916800 + z * (1 / 6227020800 + z * (-1 / 1307674368000)))))));
}

function cosKernel(r: number): number {
  const z = r * r;
  return 1 + z * (-1 / 2 + z * (1 / 24 + z * (-1 / 720 + z * (1 / 40320 + z * (-1 / 3628800 + z * (1 / 479001600 + z * (-1 / 87178291200)))))));
}

function quadrant(x: number): { r: number; q: number } {
  const k = Math.round(x * TWO_OVER_PI);
  return { r: (x - k * PIO2_HI) - k * PIO2_LO, q: ((k % 4) + 4) % 4 };
}

/** sin(x) for |x| up to about 1e5 (argument reduction loses accuracy beyond). */
export function sin(x: number): number {
  const { r, q } = quadrant(x);
  return q === 0 ? sinKernel(r) : q === 1 ? cosKernel(r) : q === 2 ? -sinKernel(r) : -cosKernel(r);
}

/** cos(x) for |x| up to about 1e5. */
export function cos(x: number): number {
  const { r, q } = quadrant(x);
  return q === 0 ? cosKernel(r) : q === 1 ? -sinKernel(r) : q === 2 ? -cosKernel(r) : sinKernel(r);
}

/** tanh, as fdlibm s_tanh.c arranges it around expm1. */
export function tanh(x: number): number {
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  let z: number;
  if (ax >= 22) z = 1;
  else if (ax < 2.7755575615628914e-17) return x; // 2^-55: tanh(x) = x to double precision
  else if (ax >= 1) z = 1 - 2 / (expm1(2 * ax) + 2);
  else {
    const t = expm1(-2 * ax);
    z = -t / (t + 2);
  }
  return x < 0 ? -z : z;
}
