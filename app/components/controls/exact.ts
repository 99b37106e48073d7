/** Reading a number typed into a control: the value, or why it cannot be used (for the hint). */
export interface NumberRule {
  readonly kind: 'int' | 'float';
  readonly min: number;
  readonly max: number;
}

export type Exact = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly why: string };

export function accepted(rule: NumberRule): string {
  return `${rule.kind === 'int' ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}`;
}

/** The typed text as a value the config accepts; "", "1e", "3.5" for an int field are refused. */
export function parseExact(text: string, rule: NumberRule): Exact {
  const trimmed = text.trim();
  const x = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(x) || (rule.kind === 'int' && !Number.isInteger(x)) || x < rule.min || x > rule.max) {
    return { ok: false, why: `Enter ${accepted(rule)}.` };
  }
  return { ok: true, value: x === 0 ? 0 : x };
}
