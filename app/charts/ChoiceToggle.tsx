import { useId } from 'react';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
}

export interface ChoiceToggleProps<T extends string> {
  /** What is being chosen, shown before the options: "Plot". */
  readonly legend: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
}

/**
 * A labelled segmented switch: native radio buttons in a fieldset, so the arrow keys move between
 * options and a screen reader says "Plot, pre-activations h, radio button, 1 of 2".
 */
export function ChoiceToggle<T extends string>({ legend, choices, value, onChange }: ChoiceToggleProps<T>) {
  const name = useId();
  return (
    <fieldset className="choice-toggle">
      <legend>{legend}</legend>
      <div className="choice-options">
        {choices.map((c) => (
          <label key={c.value} className={c.value === value ? 'chosen' : undefined}>
            <input type="radio" name={name} value={c.value} checked={c.value === value} onChange={() => onChange(c.value)} />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A labelled checkbox styled to sit beside the choice toggles. */
export function OptionCheckbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="option-checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
