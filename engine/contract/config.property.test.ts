/**
 * Hostile links, model-based: 10,000 generated query strings a run, each built from pairs
 * whose fate is known when they are generated (used, or rejected with a problem naming its key).
 * config.test.ts covers the round trip of valid configs and named hostile cases; this file checks
 * the codec against that independent model, through every encoding a browser or a person produces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, CONFIG_KEYS, CONFIG_VERSION, DEFAULT_CONFIG, parseQuery, SIZED_KEYS, sizedDefault, toQuery, type Config, type ConfigProblem } from './config.ts';
import { formatArch } from '../arch/grammar.ts';
import { ARCH_NAMES, NAMED_ARCHS, resolveArch } from '../arch/named/index.ts';
import { parseAug } from './augment.ts';
import { invalidAug, validAug } from '../testing/augArbitrary.ts';

const RUNS = 10_000;
/** Longest value generated: a whole 64 KB link in one value. */
const MAX_LINK = 64 * 1024;
/** What the notice shows of a key or value: 40 characters and an ellipsis. */
const SHOWN = 40;
/** A string value of a field kind this file does not know (e.g. a view key) may be at most this long. */
const UNKNOWN_KIND_MAX = 1024;

type Kind = 'int' | 'float' | 'enum' | 'arch' | 'widths' | 'aug' | 'other';
type AnyField = { readonly kind: string; readonly min?: number; readonly max?: number; readonly choices?: readonly string[]; readonly default: unknown; readonly maxLength?: number };
const FIELDS = CONFIG_FIELDS as unknown as Record<string, AnyField>;
const kindOf = (key: string): Kind => {
  const k = FIELDS[key].kind;
  return k === 'int' || k === 'float' || k === 'enum' || k === 'arch' || k === 'widths' || k === 'aug' ? k : 'other';
};

/** One generated value for a known key, with its fate decided at generation. */
interface Value {
  readonly text: string;
  /** 'valid': must be used (as `expected`); 'invalid': must be rejected; 'maybe': a field kind we do not model. */
  readonly fate: 'valid' | 'invalid' | 'maybe';
  readonly expected?: number | string;
}

// ---------------------------------------------------------------------------------------------
// Payloads: markup, script and characters that break naive parsers.

const HOSTILE_TEXT = [
  '<img src=x onerror=window.__pwned=1>', '"><script>window.__pwned=1</script>', "'><svg onload=alert(1)>",
  '<script>alert(1)</script>', 'javascript:alert(1)', '</textarea><iframe src=//evil.test>', '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}', '<!--', ']]>', '&lt;b&gt;', '&amp;', '\u0000', '\u202e', '\ufeff', '\u2028', '\ud83d\ude00', '\ud800', '\udfff',
  'é', 'e\u0301', 'ﬃ', '١٢٣', '５', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf',
];
const hostileText = fc.constantFrom(...HOSTILE_TEXT);

/** Any text: every Unicode plane, lone surrogates, graphemes, markup. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('%', '&', '=', '#', '?', '+', ' ', '\t', '\n', '<', '>', '"', "'", '/', ':', '.', 'e', '0', '9', '-'), maxLength: 16 }) },
  { weight: 2, arbitrary: fc.array(hostileText, { minLength: 1, maxLength: 4 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** Up to a whole 64 KB link in one string (built by repetition: cheap to generate). */
const longText = fc.tuple(fc.oneof(hostileText, fc.string({ minLength: 1, maxLength: 8 })), fc.integer({ min: 1, max: MAX_LINK }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

// ---------------------------------------------------------------------------------------------
// Values for each kind of field.

const NUMBER_CHARS = /^[0-9.eE+-]*$/;
/** Mostly short text; now and then a whole 64 KB link in one string (about one link in ten has one). */
const sometimesLong = (short: fc.Arbitrary<string>) => fc.oneof({ weight: 40, arbitrary: short }, { weight: 1, arbitrary: longText });
/** Text with a character no number can contain, so no field of kind int or float may accept it. */
const notNumberText = sometimesLong(anyText).filter((s) => !NUMBER_CHARS.test(s));
/** Made of number characters, but not a decimal number (Number() gives NaN, or it is empty). */
const malformedNumber = fc.constantFrom('', '.', '+', '-', 'e', 'e5', 'E5', '1e', '1e+', '1e-', '+-1', '--1', '1..2', '1.2.3', '1e5e5', '1e5.5', '.e1', '+.', '-.e', '1-2', '1+', '.-1');

/** A decimal numeral (sign, digits, fraction, exponent) whose fate Number() decides. */
const decimalNumeral = fc.record({
  sign: fc.constantFrom('', '+', '-'),
  whole: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 24 }),
  point: fc.boolean(),
  fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 24 }),
  exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })), { nil: undefined }),
}).filter((r) => r.whole.length > 0 || (r.point && r.fraction.length > 0))
  .map((r) => `${r.sign}${r.whole}${r.point ? `.${r.fraction}` : ''}${r.exponent ? `${r.exponent[0]}${r.exponent[1]}${r.exponent[2]}` : ''}`);

/** The fate of a well-formed decimal numeral for a numeric field: the spec "a number (an integer) in min..max". */
function numeralFate(key: string, text: string): Value {
  const field = FIELDS[key];
  let x = Number(text);
  if (x === 0) x = 0; // -0 is 0
  const ok = Number.isFinite(x) && x >= field.min! && x <= field.max! && (field.kind === 'float' || Number.isInteger(x));
  return ok ? { text, fate: 'valid', expected: x } : { text, fate: 'invalid' };
}

/** Ways to write the same number: "5", "+5", "05", "5.", "5.0", "5e0", "50E-1". */
function spellings(x: number, isInt: boolean): fc.Arbitrary<string> {
  const plain = String(x);
  const forms = [plain, x.toExponential(), x.toExponential().toUpperCase(), x.toPrecision(17)];
  if (isInt) forms.push(`${x}.`, `${x}.0`, `${x}e0`, `${x * 10}e-1`, `${x}000e-3`);
  const decorated = forms.flatMap((f) => [f, ...(f.startsWith('-') ? [] : [`+${f}`]), ...(/^\d/.test(f) ? [`00${f}`] : [])]);
  return fc.constantFrom(...decorated);
}

/** "norm:batch,lr:0.01": a list of other keys with values valid or not, in the shape a string-valued key might take. */
const keyValueList: fc.Arbitrary<string> = fc.array(
  fc.constantFrom(...CONFIG_KEYS.filter((k) => kindOf(k) !== 'other' && kindOf(k) !== 'widths')).chain((k) => valueOf(k).map((v) => `${k}:${v.text}`)),
  { minLength: 1, maxLength: 4 },
).chain((items) => fc.constantFrom(',', ', ', ';', '&').map((sep) => items.join(sep)));

const valueArbitraries = new Map<string, fc.Arbitrary<Value>>();
/** The values of a known key (built once per key). */
function valueOf(key: string): fc.Arbitrary<Value> {
  let arbitrary = valueArbitraries.get(key);
  if (!arbitrary) valueArbitraries.set(key, arbitrary = valueFor(key));
  return arbitrary;
}

function valueFor(key: string): fc.Arbitrary<Value> {
  const field = FIELDS[key];
  const invalid = (a: fc.Arbitrary<string>) => a.map((text): Value => ({ text, fate: 'invalid' }));
  switch (kindOf(key)) {
    case 'enum': {
      const choices = field.choices!;
      const isChoice = (s: string) => choices.includes(s);
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...choices).map((text): Value => ({ text, fate: 'valid', expected: text })) },
        { weight: 1, arbitrary: invalid(fc.constantFrom(...choices).chain((c) => fc.constantFrom(c.toUpperCase(), ` ${c}`, `${c} `, `${c}\u200b`, `${c}${c}`, c.slice(1), `${c}<script>`))).filter((v) => !isChoice(v.text)) },
        { weight: 2, arbitrary: invalid(sometimesLong(anyText)).filter((v) => !isChoice(v.text)) },
      );
    }
    case 'int':
    case 'float': {
      const min = field.min!;
      const max = field.max!;
      const isInt = field.kind === 'int';
      const inRange = isInt
        ? fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max))
        : fc.oneof(fc.double({ min, max, noNaN: true }), fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min, max));
      const outside = fc.oneof(
        fc.integer({ min: 1, max: 1e9 }).map((d) => max + d),
        fc.integer({ min: 1, max: 1e9 }).map((d) => min - d),
        fc.constantFrom(max * 10 + 1, -1e300, 1e300, min - 0.5, max + 0.5, ...(isInt ? [min + 0.5] : [])),
      ).filter((x) => Number.isFinite(x) && (x < min || x > max || (isInt && !Number.isInteger(x))));
      return fc.oneof(
        { weight: 4, arbitrary: inRange.chain((x) => spellings(x, isInt)).map((text) => numeralFate(key, text)) },
        { weight: 2, arbitrary: outside.chain((x) => spellings(x, false)).map((text) => numeralFate(key, text)) },
        { weight: 2, arbitrary: decimalNumeral.map((text) => numeralFate(key, text)) },
        { weight: 1, arbitrary: fc.constantFrom('-0', '-0.0e5', '1e400', '-1e400', '1e-400', '-1e-400', '9'.repeat(65)).map((text) => numeralFate(key, text)) },
        { weight: 1, arbitrary: invalid(malformedNumber) },
        { weight: 2, arbitrary: invalid(notNumberText) },
      );
    }
    case 'arch': {
      // The grammar decides: a name as given, a spec in its canonical form, anything else refused.
      const fateOf = (text: string): Value => {
        const r = resolveArch(text);
        if (text === '') return { text, fate: 'valid', expected: '' };
        return r.spec === null ? { text, fate: 'invalid' } : { text, fate: 'valid', expected: r.named ? text : formatArch(r.spec) };
      };
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...ARCH_NAMES).map(fateOf) },
        { weight: 2, arbitrary: fc.constantFrom(...ARCH_NAMES).map((n) => fateOf(formatArch(NAMED_ARCHS[n].spec))) },
        { weight: 2, arbitrary: fc.constantFrom('conv3-16,relu,max2,gap,fc10', 'conv3-8nb, bn, relu,res8,gap,fc10', 'conv3-16,relu,(,gap', 'conv3-,fc10', 'res8s0', 'aux(gap', 'inc1-2-3', 'fc10,,relu', '3*(conv3-4,relu),gap,fc10').map(fateOf) },
        { weight: 3, arbitrary: sometimesLong(anyText).map(fateOf) },
      );
    }
    case 'widths': {
      // A list of widths: valid lists (leading zeros allowed) give their canonical form; one bad item refuses the whole list.
      const min = field.min!, max = field.max!;
      const width = fc.integer({ min, max });
      const valid = fc.array(fc.tuple(width, fc.constantFrom('', '0', '00')), { minLength: 1, maxLength: 8 })
        .map((items): Value => ({ text: items.map(([w, zeros]) => `${zeros}${w}`).join(','), fate: 'valid', expected: items.map(([w]) => w).join(',') }));
      // No item with white space at its ends: at the end of a link, trim() would take it.
      const badItem = fc.oneof(fc.constantFrom('', '0', '-1', '1.5', '1e2', '+4', '0x10', '١'), fc.integer({ min: max + 1, max: 99999 }).map(String), notNumberText.filter((t) => t.trim() === t));
      const broken = fc.tuple(fc.array(width.map(String), { maxLength: 4 }), badItem, fc.array(width.map(String), { maxLength: 4 }))
        .map(([a, bad, b]) => [...a, bad, ...b].join(','))
        .filter((t) => t !== '' && t.trim() === t)
        .map((text): Value => ({ text, fate: 'invalid' }));
      const tooMany = fc.integer({ min: 201, max: 260 }).map((n): Value => ({ text: Array.from({ length: n }, () => '8').join(','), fate: 'invalid' }));
      return fc.oneof(
        { weight: 4, arbitrary: valid },
        { weight: 1, arbitrary: fc.constant<Value>({ text: '', fate: 'valid', expected: '' }) },
        { weight: 3, arbitrary: broken },
        { weight: 1, arbitrary: tooMany },
      );
    }
    case 'aug':
      // A list of augmentations: valid lists give their canonical form (ops in the table's order); one bad op refuses the whole list.
      return fc.oneof(
        { weight: 4, arbitrary: validAug },
        { weight: 1, arbitrary: fc.constant<Value>({ text: '', fate: 'valid', expected: '' }) },
        { weight: 3, arbitrary: invalidAug },
        { weight: 1, arbitrary: longText.filter((t) => t.length > 256).map((text): Value => ({ text, fate: 'invalid' })) },
      );
    case 'other':
      // A field kind this file does not know (a string-valued key such as vs): any text, and lists of
      // "key:value" made of other keys' values; which of them it accepts is not modelled.
      return fc.oneof(sometimesLong(anyText), fc.constant(String(field.default)), keyValueList).map((text): Value => ({ text, fate: 'maybe' }));
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding: how a link spells a key or a value.

type Encoding = 'component' | 'lowerHex' | 'minimal' | 'plus' | 'mixed';
const encoding = fc.constantFrom<Encoding>('component', 'lowerHex', 'minimal', 'plus', 'mixed');

/** Characters that must be percent-encoded in a key or value: they delimit the query, or trim() would eat them. */
function mustEscape(ch: string, inKey: boolean): boolean {
  return /[%&#+]/.test(ch) || (inKey && (ch === '=' || ch === '?')) || /^\s$/.test(ch);
}

const utf8 = new TextEncoder();
function percentBytes(ch: string, lower: boolean): string {
  const hex = [...utf8.encode(ch)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return lower ? hex : hex.toUpperCase();
}

/** Encode text so that decodeURIComponent (after '+' -> ' ') gives it back exactly. `salt` varies the mixed choices. */
function encode(text: string, how: Encoding, inKey: boolean, salt: number): string {
  if (text.length > 256) return encodeLong(text, how, inKey, salt);
  let out = '';
  let i = 0;
  for (const ch of text) {
    i++;
    const lone = ch.length === 1 && ch >= '\ud800' && ch <= '\udfff';
    if (lone) { out += ch; continue; } // a lone surrogate has no UTF-8 encoding: only raw it survives decoding
    const coin = ((i * 2654435761 + salt) >>> 13) & 3;
    if (mustEscape(ch, inKey)) {
      out += ch === ' ' && (how === 'plus' || (how === 'mixed' && coin === 0)) ? '+' : percentBytes(ch, how === 'lowerHex' || (how === 'mixed' && coin === 1));
      continue;
    }
    const escape = how === 'component' ? encodeURIComponent(ch) !== ch
      : how === 'lowerHex' ? encodeURIComponent(ch) !== ch
        : how === 'mixed' ? coin >= 2
          : false;
    out += escape ? percentBytes(ch, how === 'lowerHex' || coin === 3) : ch;
  }
  return out;
}

const MUST_ESCAPE_IN_KEY = /[%&#+=?]|\s/gu;
const MUST_ESCAPE_IN_VALUE = /[%&#+]|\s/gu;
/** The same encodings for a long string, with whole-string operations (a 64 KB value char by char is slow to build). */
function encodeLong(text: string, how: Encoding, inKey: boolean, salt: number): string {
  const escapeRequired = () => text.replace(inKey ? MUST_ESCAPE_IN_KEY : MUST_ESCAPE_IN_VALUE, (ch) => (ch === ' ' && how === 'plus' ? '+' : percentBytes(ch, false)));
  if (how === 'minimal' || how === 'plus') return escapeRequired();
  try {
    const encoded = encodeURIComponent(text);
    return how === 'lowerHex' ? encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()) : encoded;
  } catch {
    return how === 'mixed' && salt % 2 === 0 ? escapeRequired() : encodeLoneSurrogatesRaw(text, how === 'lowerHex');
  }
}

/** encodeURIComponent, but a lone surrogate (which it refuses) stays raw. */
function encodeLoneSurrogatesRaw(text: string, lower: boolean): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (ch) => {
    if (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff') return ch;
    const e = encodeURIComponent(ch);
    return lower ? e.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()) : e;
  });
}

/** Percent sequences decodeURIComponent must refuse: bad hex, overlong forms, encoded surrogates, bytes past U+10FFFF, stray continuation bytes. */
const BAD_PERCENT = ['%zz', '%g1', '%-1', '%%', '%C0%AF', '%C1%BF', '%E0%80%AF', '%F0%80%80%AF', '%ED%A0%80', '%ED%BF%BF', '%F4%90%80%80', '%F8%88%80%80%80', '%FF', '%FE', '%80', '%BF', '%E2%82', '%F0%9F%98'];
/** Only at the very end, where nothing can complete them into a valid escape. */
const BAD_PERCENT_AT_END = ['%', '%4', '%e'];

/** Break an encoded string by inserting a bad escape between two encoded characters (or appending one). */
function breakEncoding(encoded: string, where: number, bad: string, atEnd: string | null): string {
  if (atEnd !== null) return encoded + atEnd;
  // Cut only between characters: not inside a %XX escape nor a surrogate pair.
  const cuts = [0];
  for (let i = 0; i < encoded.length;) {
    const step = encoded[i] === '%' ? 3 : encoded.codePointAt(i)! > 0xffff ? 2 : 1;
    i += step;
    cuts.push(i);
  }
  const at = cuts[where % cuts.length];
  return encoded.slice(0, at) + bad + encoded.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Pairs and links.

interface Pair {
  /** The key and value as meant (decoded). */
  readonly key: string;
  readonly value: Value;
  /** "key" alone, without "=" (its value is then the empty string). */
  readonly bare: boolean;
  /** As written in the link. */
  readonly rawKey: string;
  readonly rawValue: string;
  /** Whether key and value are valid percent-encoding. */
  readonly decodable: boolean;
}

const knownKey = fc.constantFrom(...CONFIG_KEYS);
const unknownKey = fc.oneof(
  fc.constantFrom('', 'Depth', 'DEPTH', 'depth ', ' depth', 'dep th', 'depth[]', 'depth.x', 'vv', 'x', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'),
  sometimesLong(anyText),
).filter((k) => !(CONFIG_KEYS as readonly string[]).includes(k));

const isKnown = (key: string) => (CONFIG_KEYS as readonly string[]).includes(key);
/** After an unknown key any value is ignored. */
const ANY_VALUE = fc.oneof(sometimesLong(anyText), fc.constant('1')).map((text): Value => ({ text, fate: 'invalid' }));

const pair: fc.Arbitrary<Pair> = fc.record({
  keyText: fc.oneof({ weight: 3, arbitrary: knownKey as fc.Arbitrary<string> }, { weight: 1, arbitrary: unknownKey }),
  bare: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
  keyHow: encoding,
  valueHow: encoding,
  salt: fc.nat(),
  // Most pairs decode; some break the key's encoding, some the value's.
  broken: fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ inKey: fc.boolean(), where: fc.nat(), bad: fc.constantFrom(...BAD_PERCENT), atEnd: fc.option(fc.constantFrom(...BAD_PERCENT_AT_END), { nil: null, freq: 4 }) }) },
  ),
}).chain((p) => {
  const known = isKnown(p.keyText);
  return (known ? valueOf(p.keyText) : ANY_VALUE).map((v): Pair => {
    // "key" without "=" has the empty value: no number and no choice, and of a kind we do not model, anything.
    // A bare key has the empty value: the empty arch and the empty list of widths are valid, the scalar kinds refuse it.
    const val: Value = p.bare
      ? known && (kindOf(p.keyText) === 'arch' || kindOf(p.keyText) === 'widths' || kindOf(p.keyText) === 'aug') ? { text: '', fate: 'valid', expected: '' } : { text: '', fate: known && kindOf(p.keyText) === 'other' ? 'maybe' : 'invalid' }
      : v;
    let rawKey = encode(p.keyText, p.keyHow, true, p.salt);
    let rawValue = encode(val.text, p.valueHow, false, p.salt ^ 0x5bd1e995);
    const b = p.broken;
    if (b) {
      if (b.inKey || p.bare) rawKey = breakEncoding(rawKey, b.where, b.bad, b.atEnd);
      else rawValue = breakEncoding(rawValue, b.where, b.bad, b.atEnd);
    }
    return { key: p.keyText, value: val, bare: p.bare, rawKey, rawValue, decodable: b === null };
  });
});

/** How the query reaches parseQuery: location.search, a pasted URL (with a fragment), a bare query (the CLI), padded with spaces. */
type Frame = 'search' | 'url' | 'bare' | 'padded';
interface Link {
  readonly pairs: readonly Pair[];
  readonly input: string;
}

const link: fc.Arbitrary<Link> = fc.record({
  pairs: fc.array(pair, { maxLength: 12 }),
  // Repeat some pairs exactly: a key given twice with the same value is still given twice.
  repeats: fc.array(fc.nat(), { maxLength: 2 }),
  separators: fc.array(fc.constantFrom('&', '&', '&', '&&', '&&&'), { minLength: 13, maxLength: 13 }),
  frame: fc.constantFrom<Frame>('search', 'search', 'url', 'bare', 'padded'),
  fragment: anyText,
}).map(({ pairs: generated, repeats, separators, frame, fragment }) => {
  const pairs = [...generated];
  for (const r of repeats) if (generated.length > 0) pairs.splice(r % (pairs.length + 1), 0, generated[r % generated.length]);
  const query = pairs.map((p, i) => (i > 0 ? separators[i % separators.length] : '') + (p.bare ? p.rawKey : `${p.rawKey}=${p.rawValue}`)).join('');
  let input: string;
  switch (frame) {
    case 'search': input = `?${query}`; break;
    case 'url': input = `https://lab.example/layerscope/?${query}#${fragment}`; break;
    case 'padded': input = ` \n\t?${query} \u00a0`; break;
    case 'bare': input = query; break;
  }
  return { pairs, input };
}).filter(({ input, pairs }) => {
  // A bare query that itself reads as a URL ("a://b=1") is taken for one: its first key must not look like a scheme.
  if (!input.startsWith('?') && pairs.length > 0 && /^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return false;
  return input.length <= 4 * MAX_LINK;
});

// ---------------------------------------------------------------------------------------------
// The model and the checks.

/** -0 shown as -0 (String() says 0). */
const show = (x: unknown): string => (Object.is(x, -0) ? '-0' : String(x).slice(0, 80));

function decodedOrNull(s: string): string | null {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return null; }
}

/** A problem names this text: exactly, or its first 40 characters and an ellipsis. */
function names(shown: string, text: string): boolean {
  if (shown === text) return true;
  return text.length > SHOWN && shown.length <= SHOWN + 1 && shown.endsWith('…') && text.startsWith(shown.slice(0, -1));
}

/** Every field inside its range, no key outside the table, the current version. Returns what is wrong. */
function outOfRange(config: Record<string, unknown>): string[] {
  const bad: string[] = [];
  for (const key of CONFIG_KEYS) {
    const field = FIELDS[key];
    const value = config[key];
    let ok: boolean;
    switch (kindOf(key)) {
      case 'enum': ok = field.choices!.includes(value as string); break;
      case 'int':
      case 'float':
        ok = typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) && value >= field.min! && value <= field.max!
          && (field.kind === 'float' || Number.isInteger(value));
        break;
      case 'arch': ok = value === '' || (typeof value === 'string' && resolveArch(value).spec !== null); break;
      case 'widths': {
        const items = typeof value === 'string' && value !== '' ? value.split(',') : [];
        ok = value === '' || (items.length <= 200 && items.every((w) => /^[1-9]\d*$/.test(w) && Number(w) >= field.min! && Number(w) <= field.max!));
        break;
      }
      case 'aug': ok = value === '' || (typeof value === 'string' && parseAug(value).ok); break;
      case 'other': {
        const limit = typeof field.maxLength === 'number' ? field.maxLength : typeof field.max === 'number' ? field.max : UNKNOWN_KIND_MAX;
        ok = (typeof value === 'string' && value.length <= limit) || Object.is(value, field.default);
        break;
      }
    }
    if (!ok) bad.push(`${key}=${String(value).slice(0, 60)}`);
  }
  for (const key of Object.keys(config)) if (!(CONFIG_KEYS as readonly string[]).includes(key)) bad.push(`unexpected key ${key}`);
  if (config.v !== CONFIG_VERSION) bad.push(`v=${String(config.v)}`);
  return bad;
}

/**
 * Check one parse against the model: each pair is used (the first valid occurrence of a known
 * key) or named by a problem (its key, and its value); no problem names anything else. Returns
 * what disagrees (plain checks, not expect(): this runs 10,000 times and must stay fast).
 */
function disagreements({ pairs }: Link, config: Record<string, unknown>, problems: readonly ConfigProblem[]): string[] {
  const wrong: string[] = [];
  const expected: Record<string, unknown> = { ...DEFAULT_CONFIG, v: CONFIG_VERSION };
  const seen = new Set<string>();
  const mustName: { key: string; value: string; why: string }[] = [];
  const mayName: { key: string; value: string }[] = [];
  for (const p of pairs) {
    if (p.bare && p.rawKey === '') continue; // "&&": an empty part, not a pair
    if (!p.decodable) {
      // Not decodable: named as written.
      if (decodedOrNull(p.rawKey) !== null && decodedOrNull(p.rawValue) !== null) wrong.push(`generator: ${p.rawKey}=${p.rawValue} should not decode`);
      mustName.push({ key: p.rawKey, value: p.rawValue, why: 'bad encoding' });
      continue;
    }
    if (decodedOrNull(p.rawKey) !== p.key || decodedOrNull(p.rawValue) !== p.value.text) wrong.push(`generator: ${p.rawKey}=${p.rawValue} does not decode as meant`);
    if (!isKnown(p.key)) { mustName.push({ key: p.key, value: p.value.text, why: 'unknown key' }); continue; }
    if (seen.has(p.key)) { mustName.push({ key: p.key, value: p.value.text, why: 'repeated key' }); continue; }
    seen.add(p.key);
    if (p.value.fate === 'valid') expected[p.key] = p.key === 'v' ? CONFIG_VERSION : p.value.expected;
    else if (p.value.fate === 'invalid') mustName.push({ key: p.key, value: p.value.text, why: 'invalid value' });
    else { mayName.push({ key: p.key, value: p.value.text }); delete expected[p.key]; }
  }

  // A link that trains on data and does not size the network (validly) gets the data set's training size.
  if (typeof expected.data === 'string' && expected.data !== 'none') {
    for (const key of SIZED_KEYS) {
      const given = pairs.find((p) => p.decodable && p.key === key);
      if (given === undefined || given.value.fate === 'invalid') expected[key] = sizedDefault(key, expected.data as Config['data']);
    }
  }

  // Values: each modelled field is exactly what the model says (bit for bit: 0, not -0).
  for (const key of Object.keys(expected)) {
    if (!Object.is(config[key], expected[key])) wrong.push(`${key}: got ${show(config[key])}, expected ${show(expected[key])}`);
  }

  // Problems: each expected one is there (matched once); any left over name a pair of unmodelled kind.
  const left = [...problems];
  for (const want of mustName) {
    const i = left.findIndex((p) => names(p.key, want.key) && names(p.value, want.value));
    if (i < 0) wrong.push(`no problem names the ${want.why} ${JSON.stringify(want.key.slice(0, 60))}=${JSON.stringify(want.value.slice(0, 60))}`);
    else left.splice(i, 1);
  }
  // A key of a kind we do not model may have any number of problems (one per bad item of a list, say).
  for (const extra of left) {
    if (!mayName.some((m) => names(extra.key, m.key))) wrong.push(`a problem names nothing that was rejected: ${JSON.stringify(extra)}`);
  }

  // Every problem is readable and short, however long the link.
  for (const p of problems) {
    const text = [p.key, p.value, p.accepted, p.used, p.message];
    if (text.some((t) => typeof t !== 'string') || p.message.length === 0) wrong.push(`unreadable problem ${JSON.stringify(p)}`);
    if (p.key.length > SHOWN + 1 || p.value.length > SHOWN + 1 || p.message.length > 2 * SHOWN + 400) wrong.push(`problem too long to show: ${p.message.slice(0, 100)}`);
  }
  return wrong;
}

describe('parseQuery against a model of 10,000 hostile links a run', () => {
  it('never throws; every field in range; every pair used or named in a problem; the result round-trips', () => {
    let longest = 0;
    let problemsSeen = 0;
    // What the generator produced, so that passing means something: enough of each kind of pair.
    const seen = { undecodable: 0, valid: 0, invalidKnown: 0, plus: 0, markup: 0, nul: 0, loneSurrogate: 0, repeatedKey: 0 };
    const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    fc.assert(fc.property(link, (l) => {
      longest = Math.max(longest, l.input.length);
      for (const p of l.pairs) {
        if (!p.decodable) seen.undecodable++;
        else if (p.value.fate === 'valid') seen.valid++;
        else if (p.value.fate === 'invalid' && isKnown(p.key)) seen.invalidKnown++;
        if (p.rawValue.includes('+')) seen.plus++;
        if (/<script|onerror=/.test(p.key + p.value.text)) seen.markup++;
        if ((p.key + p.value.text).includes('\u0000')) seen.nul++;
        if (LONE.test(p.key + p.value.text)) seen.loneSurrogate++;
      }
      if (new Set(l.pairs.map((p) => p.key)).size < l.pairs.length) seen.repeatedKey++;
      let parsed: ReturnType<typeof parseQuery>;
      try {
        parsed = parseQuery(l.input);
      } catch (error) {
        throw new Error(`parseQuery threw on ${JSON.stringify(l.input.slice(0, 200))}: ${String(error)}`);
      }
      const config = parsed.config as unknown as Record<string, unknown>;
      problemsSeen += parsed.problems.length;
      const wrong = [...outOfRange(config), ...disagreements(l, config, parsed.problems)];

      // The config the lab runs is the config its own link gives back, with nothing to complain about.
      let query = '';
      try {
        query = toQuery(parsed.config);
        const again = parseQuery(`?${query}`);
        if (again.problems.length > 0) wrong.push(`its own link has problems: ${again.problems.map((p) => p.message).join('; ')}`);
        for (const key of CONFIG_KEYS) {
          if (!Object.is(again.config[key], parsed.config[key])) wrong.push(`round trip changes ${key}: ${show(parsed.config[key])} -> ${show(again.config[key])}`);
        }
      } catch (error) {
        wrong.push(`toQuery or its parse threw: ${String(error)}`);
      }
      if (wrong.length > 0) {
        const problems = parsed.problems.map((p) => [p.key.slice(0, 60), p.value.slice(0, 60)]);
        throw new Error(`${wrong.join('\n')}\ninput: ${JSON.stringify(l.input.slice(0, 400))}\nproblems: ${JSON.stringify(problems)}\nown link: ${query.slice(0, 400)}`);
      }
    }), { numRuns: RUNS });
    // The generator reaches what it is meant to: long links, plenty of rejections, every kind of pair.
    expect(longest).toBeGreaterThan(MAX_LINK / 2);
    expect(problemsSeen).toBeGreaterThan(RUNS);
    expect(seen.undecodable).toBeGreaterThan(RUNS / 20);
    expect(seen.valid).toBeGreaterThan(RUNS);
    expect(seen.invalidKnown).toBeGreaterThan(RUNS / 4);
    expect(seen.plus).toBeGreaterThan(RUNS / 40);
    expect(seen.markup).toBeGreaterThan(RUNS / 40);
    expect(seen.nul).toBeGreaterThan(RUNS / 1000);
    expect(seen.loneSurrogate).toBeGreaterThan(RUNS / 100);
    expect(seen.repeatedKey).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
