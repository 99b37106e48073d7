/**
 * The building blocks of the controls: a labelled field with a one-line hint, a slider with an
 * exact-number box beside it, and a select. Labels are real <label>s (or aria-labelledby for the
 * slider + box pair, which share one name and differ by role), hints are aria-describedby.
 */
import { memo, useId, useState, type ReactNode } from 'react';
import { accepted, parseExact, type NumberRule } from './exact.ts';
import { neighbours, type SliderScale } from './scales.ts';

interface FieldProps {
  readonly label: string;
  readonly hint: ReactNode;
  /** Rendered after the label, on the same line (the exact-number box). */
  readonly aside?: ReactNode;
  readonly children: ReactNode;
  readonly ids: FieldIds;
  readonly invalid?: boolean;
}

export interface FieldIds {
  readonly control: string;
  readonly label: string;
  readonly hint: string;
}

export function useFieldIds(): FieldIds {
  const id = useId();
  return { control: `${id}-control`, label: `${id}-label`, hint: `${id}-hint` };
}

export function Field({ label, hint, aside, children, ids, invalid = false }: FieldProps) {
  return (
    <div className="field">
      <div className="field-head">
        <label id={ids.label} htmlFor={ids.control}>{label}</label>
        {aside}
      </div>
      {children}
      <p id={ids.hint} className={invalid ? 'hint invalid' : 'hint'}>{hint}</p>
    </div>
  );
}

export interface SliderFieldProps {
  readonly label: string;
  readonly hint: string;
  readonly value: number;
  readonly rule: NumberRule;
  readonly scale: SliderScale;
  /** What a screen reader says for the slider's position, e.g. "256 units". */
  readonly valueText?: (value: number) => string;
  readonly onChange: (value: number) => void;
  /**
   * Told the values a step either side when the slider is focused or moved (the way it moved
   * first), so the engine can compute them ahead (see EngineClient.anticipate).
   */
  readonly onNeighbours?: (values: readonly number[]) => void;
}

/**
 * A range slider and an exact-number box for one config value. The slider writes on every input
 * event (the engine client keeps one request in flight and drops stale ones, so charts follow a
 * drag); the box writes whenever its text is a value the config accepts, and shows why not otherwise.
 */
export const SliderField = memo(function SliderField({ label, hint, value, rule, scale, valueText, onChange, onNeighbours }: SliderFieldProps) {
  const ids = useFieldIds();
  const [draft, setDraft] = useState<string | null>(null);
  const exact = draft === null ? null : parseExact(draft, rule);
  const invalid = exact !== null && !exact.ok;
  const text = valueText?.(value) ?? String(value);
  return (
    <Field
      label={label}
      ids={ids}
      invalid={invalid}
      hint={invalid ? `${exact.why} ${hint}` : hint}
      aside={
        <input
          type="number"
          className="exact"
          inputMode={rule.kind === 'int' ? 'numeric' : 'decimal'}
          aria-labelledby={ids.label}
          aria-describedby={ids.hint}
          aria-invalid={invalid || undefined}
          title={`Exact value: ${accepted(rule)}`}
          min={rule.min}
          max={rule.max}
          step={rule.kind === 'int' ? 1 : 'any'}
          value={draft ?? String(value)}
          onChange={(e) => {
            setDraft(e.target.value);
            const parsed = parseExact(e.target.value, rule);
            if (parsed.ok) onChange(parsed.value);
          }}
          onBlur={() => setDraft(null)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      }
    >
      <input
        id={ids.control}
        type="range"
        aria-describedby={ids.hint}
        aria-valuetext={text}
        min={scale.min}
        max={scale.max}
        step={scale.step}
        value={scale.toPosition(value)}
        onFocus={() => onNeighbours?.(neighbours(scale, value))}
        onChange={(e) => {
          setDraft(null);
          const next = scale.toValue(Number(e.target.value));
          onChange(next);
          onNeighbours?.(neighbours(scale, next, Math.sign(next - value)));
        }}
      />
    </Field>
  );
});

export interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly hint: string;
  readonly value: T;
  readonly choices: readonly T[];
  readonly optionLabel?: (choice: T) => string;
  readonly onChange: (value: T) => void;
}

export function SelectField<T extends string>({ label, hint, value, choices, optionLabel, onChange }: SelectFieldProps<T>) {
  const ids = useFieldIds();
  return (
    <Field label={label} hint={hint} ids={ids}>
      <select
        id={ids.control}
        aria-describedby={ids.hint}
        value={value}
        onChange={(e) => onChange(choices.find((c) => c === e.target.value) ?? value)}
      >
        {choices.map((c) => <option key={c} value={c}>{optionLabel?.(c) ?? c}</option>)}
      </select>
    </Field>
  );
}
