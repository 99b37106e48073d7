import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveArch } from '../arch/named/index.ts';
import {
  CONFIG_FIELDS, CONFIG_KEYS, CONFIG_VERSION, DEFAULT_CONFIG, describeAccepted, MAX_OVERRIDES_LENGTH, MAX_VARIANTS, parseQuery, parseVariants,
  SIZED_KEYS, toQuery, VARIANT_FIXED_KEYS, VARIANT_KEYS, variantOf, variantsOf, withConfig, withData, type Config, type ConfigKey,
} from './config.ts';
import { parseAug } from './augment.ts';
import { validAug } from '../testing/augArbitrary.ts';

/** Every field of c inside its range or choices, no -0, and no key outside the table. */
function invalidFields(c: Config): string[] {
  const bad: string[] = [];
  for (const key of CONFIG_KEYS) {
    const field = CONFIG_FIELDS[key];
    const value: unknown = c[key];
    const ok = field.kind === 'enum'
      ? (field.choices as readonly unknown[]).includes(value)
      : field.kind === 'overrides'
        ? typeof value === 'string' && parseVariants(value).canonical === value && parseVariants(value).problems.length === 0
        : field.kind === 'arch'
          ? typeof value === 'string' && (value === '' || resolveArch(value).spec !== null)
        : field.kind === 'widths'
          ? typeof value === 'string' && (value === '' || value.split(',').every((w) => /^[1-9]\d*$/.test(w) && Number(w) <= field.max))
        : field.kind === 'aug'
          ? typeof value === 'string' && parseAug(value).ok && (parseAug(value) as { canonical: string }).canonical === value
          : typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) && value >= field.min && value <= field.max
          && (field.kind === 'float' || Number.isInteger(value));
    if (!ok) bad.push(`${key}=${String(value)}`);
  }
  const extra = Object.keys(c).filter((k) => !(CONFIG_KEYS as string[]).includes(k));
  return [...bad, ...extra.map((k) => `unexpected key ${k}`)];
}

type ScalarKey = Exclude<ConfigKey, 'vs' | 'arch'>;
const SCALAR_KEYS = CONFIG_KEYS.filter((k): k is ScalarKey => k !== 'vs' && k !== 'arch');

/** Any valid value of a scalar field. Floats are any double in range (no -0: the parser normalizes it to 0). */
function arbitraryValue(key: ScalarKey): fc.Arbitrary<number | string> {
  const field = CONFIG_FIELDS[key];
  if (field.kind === 'aug') return fc.oneof(fc.constant(''), validAug.map((v) => v.expected!));
  if (field.kind === 'widths') return fc.oneof(fc.constant(''), fc.array(fc.integer({ min: field.min, max: field.max }), { minLength: 1, maxLength: 6 }).map((w) => w.join(',')));
  return field.kind === 'enum' ? fc.constantFrom(...(field.choices as readonly string[]))
    : field.kind === 'int' ? fc.integer({ min: field.min, max: field.max })
      : fc.oneof(
        fc.double({ min: field.min, max: field.max, noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: field.min, max: field.max }),
        fc.constant(field.default),
      ).map((v) => (v === 0 ? 0 : v));
}

/** One canonical variant: some (at least one) overridable keys, in table order, each with a valid value. */
const arbitraryVariant: fc.Arbitrary<string> = fc.subarray([...VARIANT_KEYS], { minLength: 1 }).chain((keys) =>
  fc.tuple(...keys.map((k) => arbitraryValue(k as ScalarKey))).map((values) => keys.map((k, i) => `${k}:${String(values[i])}`).join(',')));

/** A canonical vs: 1..MAX_VARIANTS variants separated by ';'. */
const arbitraryOverrides: fc.Arbitrary<string> = fc.array(arbitraryVariant, { minLength: 1, maxLength: MAX_VARIANTS }).map((v) => v.join(';'));

/** Any valid config. */
const arbitraryConfig: fc.Arbitrary<Config> = fc.record({
  ...Object.fromEntries(SCALAR_KEYS.map((key) => [key, arbitraryValue(key)])),
  vs: fc.oneof(fc.constant(''), arbitraryOverrides),
  arch: fc.constantFrom('', 'tiny_resnet', 'resnet50', 'conv3-16,relu,max2,gap,fc10', 'block1:(conv3-8nb,bn,relu),aux(gap,fc10),inc8-8-16-4-8-8k3bn,dense3-6b2,trans10,gap,fc10'),
} as Record<ConfigKey, fc.Arbitrary<unknown>>) as unknown as fc.Arbitrary<Config>;

describe('toQuery / parseQuery round trip', () => {
  it('parseQuery(toQuery(c)) gives c back exactly, with no problems', () => {
    fc.assert(fc.property(arbitraryConfig, (c) => {
      const { config, problems } = parseQuery(toQuery(c));
      expect(problems).toEqual([]);
      expect(config).toEqual(c);
      for (const key of CONFIG_KEYS) expect(Object.is(config[key], c[key]), key).toBe(true); // bit for bit
    }), { numRuns: 1000 });
  }, 60_000); // ~2 s alone; the machine is shared

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
        // A config that trains on data states its network's size, whatever it is.
        const sized = c.data !== 'none' && (SIZED_KEYS as readonly string[]).includes(key);
        if (key !== 'v' && c[key] === CONFIG_FIELDS[key].default && !sized) expect(keys).not.toContain(key);
        if (sized) expect(keys).toContain(key);
      }
    }), { numRuns: 300 });
  });

  it('a link that trains on data and leaves out depth, width or batch gets a network sized for live training', () => {
    expect(parseQuery('data=spiral').config).toMatchObject({ depth: 3, width: 32, batch: 32 });
    expect(parseQuery('data=digits').config).toMatchObject({ depth: 2, width: 64, batch: 32 });
    expect(parseQuery('data=spiral&depth=10').config).toMatchObject({ depth: 10, width: 32, batch: 32 });
    expect(parseQuery('depth=10&width=256&batch=256&data=spiral').config).toMatchObject({ depth: 10, width: 256, batch: 256 });
    const bad = parseQuery('data=spiral&width=9999');
    expect(bad.config.width).toBe(32);
    expect(bad.problems[0].message).toMatch(/using 32$/);
    expect(toQuery(parseQuery('data=spiral').config)).toBe(`v=${CONFIG_VERSION}&depth=3&width=32&batch=32&data=spiral`);
    expect(parseQuery('').config).toMatchObject({ depth: 10, width: 256, batch: 256 });
  });

  it("withData: a size at the old data set's default follows the data set; a chosen one stays", () => {
    const probe = parseQuery('').config;
    expect(withData(probe, 'spiral')).toMatchObject({ data: 'spiral', depth: 3, width: 32, batch: 32 });
    expect(withData(withData(probe, 'spiral'), 'none')).toEqual(probe);
    expect(withData(withConfig({ depth: 30 }), 'spiral')).toMatchObject({ depth: 30, width: 32, batch: 32 });
    expect(withData(parseQuery('data=spiral').config, 'digits')).toMatchObject({ depth: 2, width: 64, batch: 32 });
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

describe('vs: the A/B variant\'s overrides', () => {
  it('parses key:value pairs into the canonical form (table order, values as toQuery writes them)', () => {
    const { config, problems } = parseQuery('vs=lr:0.10,init:he_normal,bogus:1');
    expect(problems.map((p) => p.value)).toEqual(['bogus:1']); // no such key: that pair only is dropped
    expect(config.vs).toBe('init:he_normal,lr:0.1');
    expect(parseQuery('vs=norm%3Abatch%2Cdepth%3A3').config.vs).toBe('depth:3,norm:batch'); // encoded ':' and ',' too
    expect(parseQuery('vs=norm:batch,').config.vs).toBe('norm:batch');
    expect(parseQuery('vs=').config.vs).toBe('');
  });

  it('toQuery writes ":" and "," unencoded, and the link reads back the same', () => {
    const c = withConfig({ data: 'digits', act: 'sigmoid', vs: 'init:he_normal,norm:batch' });
    const query = toQuery(c);
    expect(query).toBe(`v=${CONFIG_VERSION}&depth=10&width=256&act=sigmoid&batch=256&data=digits&vs=init:he_normal,norm:batch`);
    expect(parseQuery(query)).toEqual({ config: c, problems: [] });
    // a non-canonical vs set by hand is still encoded safely (and canonicalized when read back)
    expect(toQuery(withConfig({ vs: 'a&b=c d' }))).toBe(`v=${CONFIG_VERSION}&vs=a%26b%3Dc%20d`);
  });

  it('keeps an override equal to the default or to the primary\'s value; a repeated key keeps the first', () => {
    expect(parseQuery('norm=batch&vs=norm:none').config.vs).toBe('norm:none');
    expect(parseQuery('vs=act:tanh').config.vs).toBe('act:tanh');
    const { config, problems } = parseQuery('vs=norm:batch,norm:none');
    expect(config.vs).toBe('norm:batch');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe('vs: "norm:none" overrides norm a second time (using the first, batch); that override is ignored');
  });

  it('drops each bad pair with a readable problem naming it, keeping the good ones', () => {
    const { config, problems } = parseQuery('vs=depth:900,norm:batch,foo:1,normbatch,act:TANH,lr:,:5');
    expect(config.vs).toBe('norm:batch');
    expect(problems.map((p) => [p.key, p.value, p.used])).toEqual([
      ['vs', 'depth:900', 'ignored'], ['vs', 'foo:1', 'ignored'], ['vs', 'normbatch', 'ignored'],
      ['vs', 'act:TANH', 'ignored'], ['vs', 'lr:', 'ignored'], ['vs', ':5', 'ignored'],
    ]);
    expect(problems[0].message).toBe('vs: "depth:900" is out of range (an integer in 1..200); that override is ignored');
    expect(problems[0].accepted).toBe(describeAccepted(CONFIG_FIELDS.depth));
    expect(problems[2].message).toBe('vs: "normbatch" is not key:value; that override is ignored');
    expect(problems[3].message).toMatch(/^vs: "act:TANH" is not a choice \(one of .*tanh.*\); that override is ignored$/);
  });

  it.each(VARIANT_FIXED_KEYS.filter((k) => k !== 'arch'))('refuses to override %s (both runs share the seed and the data)', (key) => {
    const value = key === 'data' ? 'digits' : key === 'vs' ? 'x' : '3';
    const { config, problems } = parseQuery(`vs=${key}:${value}`);
    expect(config.vs).toBe('');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/cannot be overridden: both runs share seed, data, points, classes, noise, split/);
  });

  it('every other key can be overridden, each by its own rule', () => {
    // A list of widths is no variant key: its commas would split the pair.
    expect([...VARIANT_KEYS, ...VARIANT_FIXED_KEYS, 'widths'].sort()).toEqual([...CONFIG_KEYS].sort());
    for (const key of VARIANT_KEYS) {
      const field = CONFIG_FIELDS[key];
      const value = field.kind === 'enum' ? field.choices.at(-1)! : field.kind === 'overrides' || field.kind === 'arch' ? '' : field.kind === 'aug' ? 'shift:1_elastic:2:1' : field.max;
      const { config, problems } = parseQuery(`vs=${key}:${value}`);
      expect(problems, key).toEqual([]);
      expect(variantOf(config)![key], key).toBe(value);
    }
  });

  it('variantOf: the overrides applied and vs cleared; live keys follow the primary unless overridden', () => {
    expect(variantOf(DEFAULT_CONFIG)).toBeNull();
    const primary = parseQuery('data=digits&depth=3&lr=0.5&norm=none&vs=norm:batch,depth:4').config;
    expect(variantOf(primary)).toEqual({ ...primary, norm: 'batch', depth: 4, vs: '' });
    expect(variantOf({ ...primary, vs: 'lr:0.01' })!.lr).toBe(0.01);
    expect(variantOf({ ...primary, vs: 'garbage' })).toBeNull(); // a hand-made vs without a valid pair
    expect(variantOf(variantOf(primary)!)).toBeNull();
  });

  it('refuses a value longer than MAX_OVERRIDES_LENGTH whole, and accepts one just inside it', () => {
    const long = parseQuery(`vs=${'norm:batch,'.repeat(300)}`);
    expect(long.config.vs).toBe('');
    expect(long.problems).toHaveLength(1);
    expect(long.problems[0].message).toBe(`vs is longer than ${MAX_OVERRIDES_LENGTH} characters; no variant`);
    const inside = 'norm:batch' + ','.repeat(MAX_OVERRIDES_LENGTH - 10);
    expect(inside.length).toBe(MAX_OVERRIDES_LENGTH);
    expect(parseQuery(`vs=${inside}`)).toMatchObject({ config: { vs: 'norm:batch' }, problems: [] });
  });

  it('lists up to 3 variants separated by ";", in the order written, each canonical; variantsOf applies each', () => {
    const { config, problems } = parseQuery('depth=30&act=relu&vs=residual:0,depth:6;residual:1;;norm:batch,lr:0.01;');
    expect(problems).toEqual([]);
    expect(config.vs).toBe('depth:6,residual:0;residual:1;lr:0.01,norm:batch'); // variant order kept, pairs in table order
    expect(toQuery(config)).toBe(`v=${CONFIG_VERSION}&depth=30&act=relu&vs=depth:6,residual:0;residual:1;lr:0.01,norm:batch`);
    expect(parseQuery(toQuery(config))).toEqual({ config, problems: [] });
    const variants = variantsOf(config);
    expect(variants.map((v) => [v.depth, v.residual, v.norm, v.lr, v.vs])).toEqual([[6, 0, 'none', 0.1, ''], [30, 1, 'none', 0.1, ''], [30, 0, 'batch', 0.01, '']]);
    expect(variantOf(config)).toEqual(variants[0]);
    expect(variantsOf(DEFAULT_CONFIG)).toEqual([]);
    expect(parseQuery('vs=residual:1%3Bdepth:6').config.vs).toBe('residual:1;depth:6'); // an encoded ';' too
  });

  it('refuses a fourth variant, and drops a variant whose every pair is bad (the others keep their order)', () => {
    const four = parseQuery('vs=depth:2;depth:3;depth:4;depth:5');
    expect(four.config.vs).toBe('depth:2;depth:3;depth:4');
    expect(four.problems.map((p) => p.message)).toEqual([`vs: more than ${MAX_VARIANTS} variants; "depth:5" is ignored`]);
    const bad = parseQuery('vs=depth:2;depth:900;residual:1');
    expect(bad.config.vs).toBe('depth:2;residual:1');
    expect(bad.problems).toHaveLength(1);
    expect(variantsOf(bad.config)).toHaveLength(2);
  });

  it('reads the residual and auxiliary-classifier keys, and validates them like every key', () => {
    const { config, problems } = parseQuery('residual=1&resform=pre&alpha=invsqrt&aux1=3&aux2=7&auxw=0.5&vs=alpha:zero,resform:post');
    expect(problems).toEqual([]);
    expect([config.residual, config.resform, config.alpha, config.aux1, config.aux2, config.auxw]).toEqual([1, 'pre', 'invsqrt', 3, 7, 0.5]);
    expect(variantOf(config)).toMatchObject({ alpha: 'zero', resform: 'post', residual: 1 });
    const bad = parseQuery('residual=2&resform=mid&alpha=2&aux1=201&auxw=1.5');
    expect(bad.problems.map((p) => p.message)).toEqual([
      'residual=2 is out of range (an integer in 0..1); using 0',
      'resform=mid is not a choice (one of post, pre); using post',
      'alpha=2 is not a choice (one of one, invsqrt, zero); using one',
      'aux1=201 is out of range (an integer in 0..200); using 0',
      'auxw=1.5 is out of range (a number in 0..1); using 0.3',
    ]);
    // older links keep their meaning: none of the new keys at its default shows up in a link
    expect(toQuery(withConfig({ depth: 5 }))).toBe(`v=${CONFIG_VERSION}&depth=5`);
    // appended after the older keys, in this order (keys appended since follow them)
    const at = CONFIG_KEYS.indexOf('residual');
    expect(CONFIG_KEYS.slice(at - 1, at + 7)).toEqual(['vs', 'residual', 'resform', 'alpha', 'aux1', 'aux2', 'auxw', 'widths']);
  });

  it('arch, size and channels follow widths; a spec is kept canonical, a bad one is a problem naming the offset and the MLP is used', () => {
    const at = CONFIG_KEYS.indexOf('widths');
    expect(CONFIG_KEYS.slice(at, at + 4)).toEqual(['widths', 'arch', 'size', 'channels']);
    const { config, problems } = parseQuery('arch=conv3-8,relu,gap,fc10&size=32&channels=3');
    expect(problems).toEqual([]);
    expect([config.arch, config.size, config.channels]).toEqual(['conv3-8,relu,gap,fc10', 32, 3]);
    expect(parseQuery(toQuery(config)).config).toEqual(config);
    expect(parseQuery('arch=tiny_resnet').config.arch).toBe('tiny_resnet');
    const bad = parseQuery('arch=conv3-8,relu,(gap&depth=4');
    expect(bad.config.arch).toBe('');
    expect(bad.config.depth).toBe(4);
    expect(bad.problems.map((p) => p.key)).toEqual(['arch']);
    expect(bad.problems[0].message).toMatch(/^arch value at \d+: expected .*; using the MLP of depth and width$/);
  });

  const hostile = [
    'vs=' + 'x'.repeat(64 * 1024),
    'vs=' + 'depth:5,'.repeat(8 * 1024),
    'vs=' + ',:'.repeat(32 * 1024),
    'vs=' + '%2C'.repeat(20_000),
    'vs=<script>alert(1)</script>:1,act:<b>relu</b>',
    'vs="><img src=x onerror=alert(1)>',
    'vs=__proto__:1,constructor:2,toString:3,hasOwnProperty:4',
    'vs=%E0%A4%A',
    'vs=act:%ED%A0%80',
    'vs=act%3Arelu%2Cdepth%3A%EF%BC%95',
    'vs=act:relu&vs=act:tanh',
    'vs=depth:1e309,gain:-0,bias:1e-400,lr:0x10,width:' + '9'.repeat(5000),
    'vs=:::,,,::',
    'vs=act:relu:tanh',
    'vs=' + ';'.repeat(10_000),
    'vs=' + 'depth:3;'.repeat(300),
    'vs=;;,;:;,',
  ];
  it.each(hostile.map((input) => ({ input, name: input.length > 60 ? `${input.slice(0, 60)}…` : input })))('never throws: $name', ({ input }) => {
    const started = performance.now();
    const { config, problems } = parseQuery(input);
    expect(performance.now() - started).toBeLessThan(250); // linear: not a speed benchmark
    expect(invalidFields(config)).toEqual([]);
    expect(config.vs.length).toBeLessThanOrEqual(MAX_OVERRIDES_LENGTH);
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(0);
      expect(p.value.length).toBeLessThanOrEqual(41);
    }
    expect(Object.prototype.hasOwnProperty.call({}, 'depth')).toBe(false);
  });

  it('the canonical forms of -0 and tiny numbers', () => {
    expect(parseQuery('vs=gain:-0,bias:1e-400,lr:1e-7').config.vs).toBe('gain:0,bias:0,lr:1e-7');
  });

  it('never throws on arbitrary vs strings (2000 runs), and what it keeps round-trips', () => {
    const piece = fc.oneof(
      fc.tuple(fc.constantFrom(...CONFIG_KEYS, 'x', ''), fc.string({ unit: 'grapheme', maxLength: 8 })).map(([k, v]) => `${k}:${v}`),
      fc.tuple(fc.constantFrom(...VARIANT_KEYS), fc.double()).map(([k, v]) => `${k}:${v}`),
      fc.string({ unit: fc.constantFrom(':', ',', '%', '2', 'C', '3', 'A', '&', '=', '+'), maxLength: 10 }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join(',')), (vs) => {
      const { config } = parseQuery(`vs=${vs}`);
      expect(invalidFields(config)).toEqual([]);
      expect(parseQuery(toQuery(config))).toEqual({ config, problems: [] });
    }), { numRuns: 2000 });
  });
});
