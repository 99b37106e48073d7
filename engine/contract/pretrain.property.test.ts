/** The pretraining keys in the URL codec: valid values round-trip, anything else is refused by name and the default used. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, parseQuery, toQuery } from './config.ts';
import { PRETRAIN_MODES } from './pretrain.ts';

const KEYS = ['pretrain', 'ptsteps', 'ptnoise', 'ptlr'] as const;

describe('pretraining keys', () => {
  it('valid values round-trip through toQuery and parseQuery; defaults stay out of the link', () => {
    fc.assert(fc.property(
      fc.constantFrom(...PRETRAIN_MODES), fc.integer({ min: 1, max: 100000 }),
      fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }),
      (pretrain, ptsteps, ptnoise, ptlr) => {
        const { config, problems } = parseQuery(`pretrain=${pretrain}&ptsteps=${ptsteps}&ptnoise=${ptnoise}&ptlr=${ptlr}`);
        expect(problems).toEqual([]);
        expect(config).toMatchObject({ pretrain, ptsteps, ptnoise: ptnoise === 0 ? 0 : ptnoise, ptlr: ptlr === 0 ? 0 : ptlr });
        expect(parseQuery(toQuery(config)).config).toEqual(config);
        for (const key of KEYS) expect(toQuery(config).includes(`${key}=`)).toBe(config[key] !== CONFIG_FIELDS[key].default);
      },
    ));
  });

  it('hostile values: refused with a problem naming the key, the default used, never a throw', () => {
    const hostile = fc.oneof(
      fc.string(), fc.constantFrom('-1', '0', '1e9', 'NaN', 'Infinity', '0.95', '1.5', '<script>', '%00', 'ae,dae', 'AE', ' dae', '1'.repeat(80)),
    );
    fc.assert(fc.property(fc.constantFrom(...KEYS), hostile, (key, raw) => {
      const { config, problems } = parseQuery(`${key}=${encodeURIComponent(raw)}`);
      const field = CONFIG_FIELDS[key];
      const accepted = field.kind === 'enum' ? (field.choices as readonly string[]).includes(raw)
        : /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(raw) && raw.length <= 64 && Number(raw) >= field.min && Number(raw) <= field.max
          && (field.kind !== 'int' || Number.isInteger(Number(raw)));
      if (accepted) {
        expect(problems).toEqual([]);
      } else {
        expect(problems.map((p) => p.key)).toEqual([key]);
        expect(config[key]).toBe(field.default);
      }
    }));
  });

  it('names the range: ptnoise above 1 and ptsteps 0', () => {
    expect(parseQuery('ptnoise=1.5').problems[0].message).toMatch(/ptnoise=1\.5 .*0\.\.1/);
    expect(parseQuery('ptsteps=0').problems[0].message).toMatch(/ptsteps=0 .*1\.\.100000/);
    expect(parseQuery('pretrain=rbm').problems[0].message).toMatch(/none, ae, dae/);
  });

  it('a variant may switch pretraining on or off (the A/B)', () => {
    const { config, problems } = parseQuery('data=digits&pretrain=dae&vs=pretrain:none');
    expect(problems).toEqual([]);
    expect(config.vs).toBe('pretrain:none');
  });
});
