import { useEffect, useId, useState } from 'react';
import type { ArchProblem } from '../../../engine/contract/arch/grammar.ts';
import { ARCH_NAMES } from './archRows.ts';

export interface SpecFieldProps {
  readonly label: string;
  readonly value: string;
  readonly problems: readonly ArchProblem[];
  readonly onChange: (value: string) => void;
}

const LIST_ID = 'arch-names';

/** The names every spec field offers (one datalist for the page). */
export function ArchNames() {
  return <datalist id={LIST_ID}>{ARCH_NAMES.map((n) => <option key={n} value={n} />)}</datalist>;
}

/**
 * A name or a spec in the grammar. Applied when it changes; a problem is shown under the field
 * with the text up to its position and a mark where the parser stopped.
 */
export function SpecField({ label, value, problems, onChange }: SpecFieldProps) {
  const id = useId(), errorId = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const first = problems[0];
  return (
    <div className="spec-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id} type="text" list={LIST_ID} spellCheck={false} autoComplete="off" value={text}
        aria-invalid={first !== undefined} aria-describedby={first ? errorId : undefined}
        onChange={(e) => { setText(e.target.value); onChange(e.target.value); }}
      />
      {first && (
        <p className="spec-problem" id={errorId} role="alert">
          <code>{text.slice(Math.max(0, first.offset - 24), first.offset)}<mark>{text.slice(first.offset, first.offset + 1) || ' '}</mark>{text.slice(first.offset + 1, first.offset + 12)}</code>
          <span> {first.message}{problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}</span>
        </p>
      )}
    </div>
  );
}
