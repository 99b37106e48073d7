import { useEffect, useId, useState } from 'react';

export interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly onChange: (value: number) => void;
  readonly disabled?: boolean;
}

/** A labelled integer field: a value outside min..max is shown as typed, marked invalid, and not applied. */
export function NumberField({ label, value, min, max, onChange, disabled = false }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const n = Number(text);
  const valid = /^\d+$/.test(text) && n >= min && n <= max;
  return (
    <label className="arch-number" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id} type="number" inputMode="numeric" min={min} max={max} step={1} value={text} disabled={disabled}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (/^\d+$/.test(e.target.value) && v >= min && v <= max) onChange(v);
        }}
      />
    </label>
  );
}
