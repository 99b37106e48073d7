/**
 * Generated aug values whose fate is decided when they are generated (a model of the grammar in
 * contract/augment.ts, written apart from its parser): valid lists with their canonical form, and
 * lists broken in one named way.
 */
import fc from 'fast-check';
import { AUG_OPS, AUG_PARAMS, type AugOp } from '../contract/augment.ts';

export interface AugValue { readonly text: string; readonly fate: 'valid' | 'invalid'; readonly expected?: string }

const opName = fc.constantFrom(...AUG_OPS);

/** A valid strength of an op's k-th parameter: [as written, its number]. */
function strength(op: AugOp, k: number): fc.Arbitrary<[string, number]> {
  const p = AUG_PARAMS[op][k];
  const x = p.integer ? fc.integer({ min: p.min, max: p.max }) : fc.oneof(
    fc.double({ min: p.min, max: p.max, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)),
    fc.constantFrom(p.min, p.max),
    fc.integer({ min: Math.ceil(p.min), max: Math.floor(p.max) }),
  );
  return x.chain((v) => fc.constantFrom(String(v), `0${String(v)}`.replace(/^0-/, '-0'), ...(p.integer ? [`${v}.0`, `${v}e0`] : [v.toExponential()]))
    .map((text): [string, number] => [text, Number(text)]));
}

/** One valid op: [as written, canonical]. */
const validOp = (op: AugOp): fc.Arbitrary<[string, string]> =>
  fc.tuple(...AUG_PARAMS[op].map((_, k) => strength(op, k)))
    .map((values) => [[op, ...values.map((v) => v[0])].join(':'), [op, ...values.map((v) => String(v[1] === 0 ? 0 : v[1]))].join(':')]);

/** 1..8 distinct ops in any order, each valid. */
export const validAug: fc.Arbitrary<AugValue> = fc.shuffledSubarray([...AUG_OPS], { minLength: 1 })
  .chain((ops) => fc.tuple(...ops.map((op) => validOp(op).map((v) => [op, v] as const))))
  .map((items): AugValue => ({
    text: items.map(([, v]) => v[0]).join('_'),
    fate: 'valid',
    expected: AUG_OPS.filter((op) => items.some(([o]) => o === op)).map((op) => items.find(([o]) => o === op)![1][1]).join('_'),
  }));

/** One op broken: an unknown name, a strength out of range or not a number, a missing or extra strength, an empty item. */
const brokenOp: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('shfit:1', 'Shift:1', 'rotation:10', 'blur:1', ':1', '', 'shift', 'elastic:2', 'noise:0.1:2', 'mixup:', 'shift:1:'),
  opName.map((op) => `${op}:${AUG_PARAMS[op].map((p) => p.max + 1).join(':')}`),
  opName.map((op) => `${op}:${AUG_PARAMS[op].map((p) => p.min - 1).join(':')}`),
  opName.map((op) => `${op}:${AUG_PARAMS[op].map(() => 'x').join(':')}`),
  opName.map((op) => `${op}:${AUG_PARAMS[op].map(() => 'Infinity').join(':')}`),
  fc.constantFrom<AugOp>('shift', 'cutout').map((op) => `${op}:1.5`),
);

/** A valid list with one broken op somewhere in it, or an op given twice. */
export const invalidAug: fc.Arbitrary<AugValue> = fc.oneof(
  fc.tuple(fc.array(opName.chain(validOp), { maxLength: 3 }), brokenOp, fc.nat())
    .map(([ops, bad, at]) => {
      const items = ops.map((o) => o[0]);
      items.splice(at % (items.length + 1), 0, bad);
      return items.join('_');
    }),
  opName.chain((op) => fc.tuple(validOp(op), validOp(op))).map(([a, b]) => `${a[0]}_${b[0]}`),
).filter((text) => text !== '').map((text): AugValue => ({ text, fate: 'invalid' }));
