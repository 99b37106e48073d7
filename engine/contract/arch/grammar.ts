/**
 * The `arch` grammar: a comma-separated list of layers a student can type and a link can carry,
 * e.g. `conv3-64,bn,relu,max2,res64,gap,fc10`. parseArch never throws: each problem names its
 * character offset and what was expected there. formatArch prints the canonical form, and
 * parseArch(formatArch(spec)) gives spec back exactly.
 *
 *   arch    := item (',' item)*
 *   item    := [label ':'] (count '*' item | atom)   label: a letter, then letters, digits, '_'
 *   atom    := '(' arch ')' | 'aux(' arch ')' | layer
 *   layer   := conv K[xK]-C | max K | avg K | gap | adapt S | flatten | fc N | bn | <activation>
 *            | res C | bneck W-C | inc A-B-C-D-E-F | dense L-K | trans C      followed by options
 *   options := conv: sN pN dN gN nb   pools: sN pN ceil   fc: nb   res: sN   bneck: sN gN
 *              inc: kN bn   dense: bN
 */
import { ACTIVATION_NAMES, ARCH_LIMITS, type ActivationName, type ArchItem, type ArchSpec } from './spec.ts';

export interface ArchProblem {
  /** Character offset into the text, from 0. */
  readonly offset: number;
  /** What would have been accepted there. */
  readonly expected: string;
  /** What is there instead, shortened ('' at the end of the text). */
  readonly found: string;
  /** One readable sentence: "at 7: expected ... , found ...". */
  readonly message: string;
}

export interface ParsedArch {
  /** null when there is any problem. */
  readonly spec: ArchSpec | null;
  readonly problems: readonly ArchProblem[];
}

type OptionTable = Readonly<Record<string, 'number' | 'flag'>>;

const OPTIONS: Readonly<Record<string, OptionTable>> = {
  conv: { s: 'number', p: 'number', d: 'number', g: 'number', nb: 'flag' },
  max: { s: 'number', p: 'number', ceil: 'flag' },
  avg: { s: 'number', p: 'number', ceil: 'flag' },
  fc: { nb: 'flag' },
  res: { s: 'number' },
  bneck: { s: 'number', g: 'number' },
  inc: { k: 'number', bn: 'flag' },
  dense: { b: 'number' },
};

/** Keywords and the dash-separated numbers after them (conv's first is the kernel, with an optional xK). */
const HEADS: Readonly<Record<string, readonly string[]>> = {
  conv: ['kernel size', 'output channels'],
  max: ['kernel size'],
  avg: ['kernel size'],
  adapt: ['output size'],
  fc: ['output units'],
  res: ['output channels'],
  bneck: ['bottleneck width', 'output channels'],
  inc: ['1x1 channels', '3x3 reduction', '3x3 channels', '5x5 reduction', '5x5 channels', 'pool projection'],
  dense: ['layers', 'growth rate'],
  trans: ['output channels'],
  gap: [],
  flatten: [],
  bn: [],
  ...Object.fromEntries(ACTIVATION_NAMES.map((name) => [name, []])),
};

const KEYWORDS = Object.keys(HEADS).sort((a, b) => b.length - a.length);
const MAX_SHOWN = 12;

class Failure {
  constructor(readonly offset: number, readonly expected: string) {}
}

class Parser {
  private pos = 0;
  private depth = 0;
  readonly problems: ArchProblem[] = [];

  constructor(private readonly text: string) {}

  parse(): ArchItem[] {
    const items = this.sequence();
    if (this.pos < this.text.length && this.problems.length < ARCH_LIMITS.maxProblems) {
      this.report(new Failure(this.pos, this.text[this.pos] === ')' ? 'no ")" here (nothing to close)' : '"," between layers'));
    }
    return items;
  }

  private report(f: Failure): void {
    if (this.problems.length >= ARCH_LIMITS.maxProblems) return;
    const rest = this.text.slice(f.offset);
    const found = rest === '' ? 'the end' : `"${rest.slice(0, MAX_SHOWN)}${rest.length > MAX_SHOWN ? '…' : ''}"`;
    this.problems.push({ offset: f.offset, expected: f.expected, found: rest.slice(0, MAX_SHOWN), message: `at ${f.offset}: expected ${f.expected}, found ${found}` });
  }

  /** Items up to the end or an unmatched ')'; a bad item is reported and skipped to the next ','. */
  private sequence(): ArchItem[] {
    const items: ArchItem[] = [];
    for (;;) {
      if (this.problems.length >= ARCH_LIMITS.maxProblems) { this.pos = this.text.length; return items; }
      try {
        items.push(this.item());
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        this.report(e);
        this.skipItem();
      }
      if (this.peek() !== ',') return items;
      this.pos++;
    }
  }

  /** Past the rest of a bad item: to the next ',' or unmatched ')' outside any bracket it opened. */
  private skipItem(): void {
    let open = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '(') open++;
      else if (c === ')') { if (open === 0) return; open--; }
      else if (c === ',' && open === 0) return;
      this.pos++;
    }
  }

  private peek(): string {
    return this.text[this.pos] ?? '';
  }

  private item(): ArchItem {
    const label = this.label();
    let item: ArchItem;
    if (/[0-9]/.test(this.peek())) {
      const times = this.number('a repeat count', 1, ARCH_LIMITS.maxRepeat);
      if (this.peek() !== '*') throw new Failure(this.pos, `"*" after the repeat count ${times} (as in 3*res64)`);
      this.pos++;
      if (this.depth >= ARCH_LIMITS.maxDepth) throw new Failure(this.pos, `at most ${ARCH_LIMITS.maxDepth} nested repeats and brackets`);
      this.depth++;
      try {
        item = { kind: 'repeat', times, item: this.item() };
      } finally {
        this.depth--;
      }
    } else {
      item = this.atom();
    }
    return label === null ? item : { ...item, label };
  }

  private label(): string | null {
    const m = /^[A-Za-z_][A-Za-z0-9_]{0,63}:/.exec(this.text.slice(this.pos, this.pos + 66));
    if (!m) return null;
    this.pos += m[0].length;
    return m[0].slice(0, -1);
  }

  private atom(): ArchItem {
    if (this.peek() === '(') return { kind: 'group', items: this.bracketed() };
    if (this.text.startsWith('aux(', this.pos)) {
      this.pos += 3;
      return { kind: 'aux', items: this.bracketed() };
    }
    return this.layer();
  }

  private bracketed(): ArchItem[] {
    const open = this.pos;
    if (this.depth >= ARCH_LIMITS.maxDepth) throw new Failure(open, `at most ${ARCH_LIMITS.maxDepth} nested brackets`);
    this.pos++;
    this.depth++;
    const items = this.sequence();
    this.depth--;
    if (this.peek() !== ')') throw new Failure(this.pos, `")" to close the "(" at ${open}`);
    this.pos++;
    return items;
  }

  private number(what: string, min: number, max: number): number {
    const m = /^[0-9]{1,7}/.exec(this.text.slice(this.pos, this.pos + 8));
    if (!m) throw new Failure(this.pos, `${what} (an integer ${min}..${max})`);
    const value = Number(m[0]);
    if (value < min || value > max || m[0].length === 8) throw new Failure(this.pos, `${what} in ${min}..${max}`);
    this.pos += m[0].length;
    return value;
  }

  private layer(): ArchItem {
    const at = this.pos;
    const keyword = KEYWORDS.find((k) => this.text.startsWith(k, this.pos) && (HEADS[k].length > 0 || !/[a-z0-9_]/.test(this.text[this.pos + k.length] ?? '')));
    if (keyword === undefined) throw new Failure(at, 'a layer: conv, max, avg, gap, adapt, flatten, fc, bn, an activation, res, bneck, inc, dense, trans, aux( or (');
    this.pos += keyword.length;
    const heads = HEADS[keyword];
    const nums: number[] = [];
    let kernelWidth = 0;
    heads.forEach((what, i) => {
      if (i > 0) {
        if (this.peek() !== '-') throw new Failure(this.pos, `"-" then the ${what} of ${keyword}`);
        this.pos++;
      }
      const isKernel = what === 'kernel size';
      nums.push(this.number(`the ${what} of ${keyword}`, 1, isKernel ? ARCH_LIMITS.maxKernel : ARCH_LIMITS.maxChannels));
      if (keyword === 'conv' && isKernel && this.peek() === 'x') {
        this.pos++;
        kernelWidth = this.number('the kernel width of conv', 1, ARCH_LIMITS.maxKernel);
      }
    });
    const o = this.options(keyword);
    return build(keyword, nums, kernelWidth, o, (expected) => new Failure(at, expected));
  }

  private options(keyword: string): Map<string, number> {
    const table = OPTIONS[keyword] ?? {};
    const names = Object.keys(table).sort((a, b) => b.length - a.length);
    const seen = new Map<string, number>();
    while (/[a-z]/.test(this.peek())) {
      const at = this.pos;
      const name = names.find((n) => this.text.startsWith(n, this.pos));
      if (name === undefined) throw new Failure(at, names.length ? `an option of ${keyword} (${Object.keys(table).join(', ')}), "," or the end` : `"," or the end after ${keyword}`);
      if (seen.has(name)) throw new Failure(at, `each option of ${keyword} once ("${name}" is given twice)`);
      this.pos += name.length;
      seen.set(name, table[name] === 'flag' ? 1 : this.number(`a number after "${name}"`, name === 'p' || (name === 'b' && keyword === 'dense') ? 0 : 1, name === 'g' ? ARCH_LIMITS.maxChannels : ARCH_LIMITS.maxStride));
    }
    return seen;
  }
}

function build(keyword: string, n: readonly number[], kernelWidth: number, o: Map<string, number>, fail: (expected: string) => Failure): ArchItem {
  const stride = o.get('s') ?? 1;
  switch (keyword) {
    case 'conv': {
      const groups = o.get('g') ?? 1;
      if (n[1] % groups !== 0) throw fail(`output channels (${n[1]}) divisible by the groups (${groups})`);
      return { kind: 'conv', kernel: [n[0], kernelWidth || n[0]], out: n[1], stride, padding: o.has('p') ? o.get('p')! : 'half', dilation: o.get('d') ?? 1, groups, bias: !o.has('nb') };
    }
    case 'max':
    case 'avg': {
      const padding = o.get('p') ?? 0;
      if (padding > n[0] / 2) throw fail(`a pool padding at most half the kernel (${n[0]})`);
      return { kind: 'pool', op: keyword, kernel: n[0], stride: o.get('s') ?? n[0], padding, ceil: o.has('ceil') };
    }
    case 'gap': return { kind: 'gap' };
    case 'adapt': return { kind: 'adaptive', size: n[0] };
    case 'flatten': return { kind: 'flatten' };
    case 'fc': return { kind: 'fc', out: n[0], bias: !o.has('nb') };
    case 'bn': return { kind: 'bn' };
    case 'res': return { kind: 'res', out: n[0], stride };
    case 'bneck': {
      const groups = o.get('g') ?? 1;
      if (n[0] % groups !== 0) throw fail(`a bottleneck width (${n[0]}) divisible by the groups (${groups})`);
      return { kind: 'bneck', width: n[0], out: n[1], stride, groups };
    }
    case 'inc': return { kind: 'inception', c1: n[0], r3: n[1], c3: n[2], r5: n[3], c5: n[4], pool: n[5], k5: o.get('k') ?? 5, bn: o.has('bn') };
    case 'dense': return { kind: 'dense', layers: n[0], growth: n[1], bottleneck: o.get('b') ?? 4 };
    case 'trans': return { kind: 'transition', out: n[0] };
    default: return { kind: 'act', fn: keyword as ActivationName };
  }
}

/** Parse an `arch` value. Never throws; any problem makes spec null. */
export function parseArch(text: string): ParsedArch {
  if (typeof text !== 'string') return { spec: null, problems: [{ offset: 0, expected: 'a text', found: '', message: 'at 0: expected a text' }] };
  if (text.length > ARCH_LIMITS.maxLength) {
    return { spec: null, problems: [{ offset: ARCH_LIMITS.maxLength, expected: `at most ${ARCH_LIMITS.maxLength} characters`, found: '', message: `at ${ARCH_LIMITS.maxLength}: expected at most ${ARCH_LIMITS.maxLength} characters, found ${text.length}` }] };
  }
  const parser = new Parser(text);
  const items = parser.parse();
  return parser.problems.length > 0 ? { spec: null, problems: parser.problems } : { spec: { items }, problems: [] };
}

function option(name: string, value: number, fallback: number): string {
  return value === fallback ? '' : `${name}${value}`;
}

function formatItem(item: ArchItem): string {
  const label = item.label === undefined ? '' : `${item.label}:`;
  return label + formatBody(item);
}

function formatBody(item: ArchItem): string {
  switch (item.kind) {
    case 'conv': {
      const [kh, kw] = item.kernel;
      return `conv${kh}${kw === kh ? '' : `x${kw}`}-${item.out}${option('s', item.stride, 1)}${item.padding === 'half' ? '' : `p${item.padding}`}${option('d', item.dilation, 1)}${option('g', item.groups, 1)}${item.bias ? '' : 'nb'}`;
    }
    case 'pool': return `${item.op}${item.kernel}${option('s', item.stride, item.kernel)}${option('p', item.padding, 0)}${item.ceil ? 'ceil' : ''}`;
    case 'gap': return 'gap';
    case 'adaptive': return `adapt${item.size}`;
    case 'flatten': return 'flatten';
    case 'fc': return `fc${item.out}${item.bias ? '' : 'nb'}`;
    case 'bn': return 'bn';
    case 'act': return item.fn;
    case 'res': return `res${item.out}${option('s', item.stride, 1)}`;
    case 'bneck': return `bneck${item.width}-${item.out}${option('s', item.stride, 1)}${option('g', item.groups, 1)}`;
    case 'inception': return `inc${item.c1}-${item.r3}-${item.c3}-${item.r5}-${item.c5}-${item.pool}${option('k', item.k5, 5)}${item.bn ? 'bn' : ''}`;
    case 'dense': return `dense${item.layers}-${item.growth}${option('b', item.bottleneck, 4)}`;
    case 'transition': return `trans${item.out}`;
    case 'aux': return `aux(${item.items.map(formatItem).join(',')})`;
    case 'group': return `(${item.items.map(formatItem).join(',')})`;
    case 'repeat': return `${item.times}*${formatItem(item.item)}`;
  }
}

/** The canonical text of a spec: options at their defaults are left out. */
export function formatArch(spec: ArchSpec): string {
  return spec.items.map(formatItem).join(',');
}
