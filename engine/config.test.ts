import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_FIELDS, CONFIG_KEYS, CONFIG_VERSION, DEFAULT_CONFIG, describeAccepted, parseQuery, toQuery, withConfig,
  type Config, type ConfigKey,
} from './config.ts';

/** Every field of c inside its range or choices, no -0, and no key outside the table. */
function invalidFields(c: Config): string[] {
  const bad: string[] = [];
  for (const key of CONFIG_KEYS) {
    const field = CONFIG_FIELDS[key];
    const value: unknown = c[key];
    const ok = field.kind === 'enum'
      ? (field.choices as readonly unknown[]).includes(value)
      : typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) && value >= field.min && value <= field.max
        && (field.kind === 'float' || Number.isInteger(value));
    if (!ok) bad.push(`${key}=${String(value)}`);
  }
  const extra = Object.keys(c).filter((k) => !(CONFIG_KEYS as string[]).includes(k));
  return [...bad, ...extra.map((k) => `unexpected key ${k}`)];
}

/** Any valid config. Floats are any double in range (no -0: the parser normalizes it to 0). */
const arbitraryConfig: fc.Arbitrary<Config> = fc.record(Object.fromEntries(CONFIG_KEYS.map((key) => {
  const field = CONFIG_FIELDS[key];
  const arb = field.kind === 'enum' ? fc.constantFrom(...field.choices)
    : field.kind === 'int' ? fc.integer({ min: field.min, max: field.max })
      : fc.oneof(
        fc.double({ min: field.min, max: field.max, noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: field.min, max: field.max }),
        fc.constant(field.default),
      ).map((v) => (v === 0 ? 0 : v));
  return [key, arb];
})) as Record<ConfigKey, fc.Arbitrary<unknown>>) as unknown as fc.Arbitrary<Config>;

describe('toQuery / parseQuery round trip', () => {
  it('parseQuery(toQuery(c)) gives c back exactly, with no problems', () => {
    fc.assert(fc.property(arbitraryConfig, (c) => {
      const { config, problems } = parseQuery(toQuery(c));
      expect(problems).toEqual([]);
      expect(config).toEqual(c);
      for (const key of CONFIG_KEYS) expect(Object.is(config[key], c[key]), key).toBe(true); // bit for bit
    }), { numRuns: 1000 });
  });

  it('also through a full URL, and a "?" prefix', () => {
    fc.assert(fc.property(arbitraryConfig, (c) => {
      expect(parseQuery(`https://lab.example/layerscope/?${toQuery(c)}#chart`).config).toEqual(c);
      expect(parseQuery(`?${toQuery(c)}`).config).toEqual(c);
    }), { numRuns: 200 });
  });

  it('leaves defaults out: the default config is the empty query', () => {
    expect(toQuery(DEFAULT_CONFIG)).toBe('');
    expect(toQuery(withConfig({ depth: 5 }))).toBe(`v=${CONFIG_VERSION}&depth=5`);
    expect(toQuery(withConfig({ act: 'relu', seed: 7, gain: 1 }))).toBe(`v=${CONFIG_VERSION}&act=relu&seed=7`);
    fc.assert(fc.property(arbitraryConfig, (c) => {
      const keys = toQuery(c).split('&').filter(Boolean).map((p) => p.split('=')[0]);
      for (const key of CONFIG_KEYS) {
        if (key !== 'v' && c[key] === CONFIG_FIELDS[key].default) expect(keys).not.toContain(key);
      }
    }), { numRuns: 300 });
  });

  it('the defaults themselves are valid', () => {
    expect(invalidFields(DEFAULT_CONFIG)).toEqual([]);
    expect(parseQuery('')).toEqual({ config: DEFAULT_CONFIG, problems: [] });
  });
});

describe('parseQuery on hostile input', () => {
  const cases: { input: string; key?: string; expect?: Partial<Config> }[] = [
    { input: '' },
    { input: '?' },
    { input: '&&&' },
    { input: 'foo=1', key: 'foo' },
    { input: 'depth=NaN', key: 'depth', expect: { depth: 10 } },
    { input: 'depth=Infinity', key: 'depth', expect: { depth: 10 } },
    { input: 'depth=-Infinity', key: 'depth', expect: { depth: 10 } },
    { input: 'depth=-0', key: 'depth', expect: { depth: 10 } }, // 0 is outside 1..200
    { input: 'gain=-0', expect: { gain: 0 } },
    { input: 'depth=1e309', key: 'depth', expect: { depth: 10 } },
    { input: 'gain=1e-400', expect: { gain: 0 } }, // underflows to 0, which is in range
    { input: 'depth=5&depth=6', key: 'depth', expect: { depth: 5 } },
    { input: 'depth=900&depth=6', key: 'depth', expect: { depth: 10 } },
    { input: 'депth=5', key: 'депth' },
    { input: 'depth=５', key: 'depth', expect: { depth: 10 } }, // fullwidth digit
    { input: 'act=τanh', key: 'act', expect: { act: 'tanh' } },
    { input: '%F0%9F%99%82=%F0%9F%99%82', key: '🙂' },
    { input: '%E0%A4%A', key: '%E0%A4%A' }, // truncated percent-encoding
    { input: 'depth=%E0%A4%A', key: 'depth' },
    { input: 'act=%ED%A0%80', key: 'act' }, // an encoded lone surrogate
    { input: 'act=<script>alert(1)</script>', key: 'act', expect: { act: 'tanh' } },
    { input: 'init="><img src=x onerror=alert(1)>', key: 'init' },
    { input: 'https://x.test/?depth=5#frag', expect: { depth: 5 } },
    { input: 'https://x.test/#depth=5', expect: { depth: 10 } }, // the hash is not the query
    { input: 'depth=5.5', key: 'depth', expect: { depth: 10 } },
    { input: 'depth=5.0', expect: { depth: 5 } },
    { input: 'seed=4294967296', key: 'seed', expect: { seed: 1 } },
    { input: 'seed=4294967295', expect: { seed: 4294967295 } },
    { input: 'seed=-1', key: 'seed' },
    { input: 'depth=', key: 'depth' },
    { input: 'depth', key: 'depth' },
    { input: '=5', key: '' },
    { input: 'depth=0x10', key: 'depth' },
    { input: 'depth=1_0', key: 'depth' },
    { input: 'depth= 5', key: 'depth' },
    { input: 'depth=%2B5', expect: { depth: 5 } },
    { input: 'gain=1e2', expect: { gain: 100 } },
    { input: 'gain=1e3', key: 'gain' },
    { input: 'const=-100', expect: { const: -100 } },
    { input: 'act=TANH', key: 'act' },
    { input: 'v=2', key: 'v', expect: { v: 1 } },
    { input: 'v=0', key: 'v', expect: { v: 1 } },
    { input: '__proto__=1', key: '__proto__' },
    { input: '__proto__[depth]=5', key: '__proto__[depth]' },
    { input: 'constructor=x&toString=y&hasOwnProperty=z', key: 'constructor' },
    { input: 'depth=' + '9'.repeat(5000), key: 'depth' },
    { input: 'x'.repeat(10_000) + '=1', key: 'x'.repeat(40) + '…' },
  ];

  const named = cases.map((c) => ({ ...c, name: c.input.length > 60 ? `${c.input.slice(0, 60)}…` : c.input }));
  it.each(named)('$name', ({ input, key, expect: want }) => {
    const { config, problems } = parseQuery(input);
    expect(invalidFields(config)).toEqual([]);
    expect(config.v).toBe(CONFIG_VERSION);
    if (key === undefined) expect(problems).toEqual([]);
    else {
      expect(problems.map((p) => p.key)).toContain(key);
      for (const p of problems) {
        expect(p.message.length).toBeGreaterThan(0);
        expect(p.value.length).toBeLessThanOrEqual(41); // shortened for display
      }
    }
    if (want) for (const [k, v] of Object.entries(want)) expect(Object.is(config[k as ConfigKey], v), `${k}: ${config[k as ConfigKey]}`).toBe(true);
    expect(Object.prototype.hasOwnProperty.call({}, 'depth')).toBe(false); // nothing leaked onto Object.prototype
  });

  it('a "?" inside a value of a bare query does not swallow the keys before it', () => {
    // RFC 3986 allows "?" unencoded in a query; only a "?" before any key=value starts the query.
    const { config, problems } = parseQuery('depth=5&note=why?');
    expect(config.depth).toBe(5);
    expect(problems.map((p) => p.key)).toEqual(['note']);
    expect(parseQuery('https://x.test/?depth=5&note=why?').config.depth).toBe(5);
  });

  it('a problem says what the key accepts and what was used instead', () => {
    const { problems } = parseQuery('depth=900');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'depth', value: '900', accepted: describeAccepted(CONFIG_FIELDS.depth), used: '10' });
    expect(problems[0].message).toBe('depth=900 is out of range (an integer in 1..200); using 10');
  });

  it('refuses a 15,000-digit number without regex backtracking blow-up', () => {
    // A linear-time match takes ~0.01 ms for 15 kB; an ambiguous pattern like \d+\.?\d* backtracks
    // O(n^2) before failing on the trailing "x" (~1.5 s here, ~45 s at 60 kB: a shared link that freezes
    // the page). The 250 ms bound is >1000x what a linear parse needs: not a speed benchmark.
    const started = performance.now();
    const { problems } = parseQuery(`depth=${'1'.repeat(15_000)}x`);
    const elapsed = performance.now() - started;
    expect(problems.map((p) => p.key)).toEqual(['depth']);
    expect(elapsed).toBeLessThan(250);
  }, 60_000);

  it('never throws on arbitrary strings, always yields a valid config (2000+ runs)', () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('%', 'E', '0', 'A', '9', 'F', '=', '&', '?', '#', '+', '.', '-', 'e', '1', ' '), maxLength: 20 }),
      fc.tuple(fc.constantFrom(...CONFIG_KEYS, 'x', ''), fc.string({ unit: 'grapheme', maxLength: 12 })).map(([k, v]) => `${k}=${v}`),
      fc.tuple(fc.constantFrom(...CONFIG_KEYS), fc.double()).map(([k, v]) => `${k}=${v}`),
    );
    const query = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join('&'));
    fc.assert(fc.property(fc.oneof(query, fc.string({ unit: 'binary' }), query.map((q) => `https://x.test/p?${q}#${q}`)), (input) => {
      const { config, problems } = parseQuery(input);
      expect(invalidFields(config)).toEqual([]);
      for (const p of problems) expect(typeof p.key === 'string' && p.message.length > 0).toBe(true);
    }), { numRuns: 3000 });
  });

  it('a query of valid values, each key once, is read back as written', () => {
    fc.assert(fc.property(arbitraryConfig, fc.shuffledSubarray([...CONFIG_KEYS]), (c, keys) => {
      const query = keys.map((k) => `${k}=${encodeURIComponent(String(c[k]))}`).join('&');
      const { config, problems } = parseQuery(query);
      expect(problems).toEqual([]);
      for (const k of keys) expect(config[k]).toBe(c[k]);
    }), { numRuns: 500 });
  });
});
