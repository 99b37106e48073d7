/**
 * The spec as a list of layers beside its text: each top-level item a row (what the grammar prints
 * for it), one row open at a time with its fields. An edit goes through layerEdit (printed and
 * parsed again by the contract's grammar) and becomes the spec text and the link; a value the
 * grammar refuses stays in its input, marked, with the grammar's reason, and changes nothing.
 */
import { useEffect, useId, useState } from 'react';
import { formatArch } from '../../../engine/contract/arch/grammar.ts';
import type { ArchItem, ArchSpec } from '../../../engine/contract/arch/spec.ts';
import { fieldValue, insertAfter, LAYER_FIELDS, move, NEW_LAYERS, removeAt, rowText, setField, setKind, type EditResult, type LayerField } from './layerEdit.ts';

export interface LayerListProps {
  /** The parsed spec, or null while the text has a problem (the list waits for the text). */
  readonly spec: ArchSpec | null;
  readonly onChange: (text: string) => void;
}

const KINDS = Object.keys(NEW_LAYERS);

export function LayerList({ spec, onChange }: LayerListProps) {
  const [open, setOpen] = useState(false);
  const [row, setRow] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  const count = spec?.items.length ?? 0;
  useEffect(() => { if (row >= count && count > 0) setRow(count - 1); }, [row, count]);
  const apply = (r: EditResult, nextRow = row): boolean => {
    if (!r.spec) { setProblem(r.problem); return false; }
    setProblem(null);
    setRow(nextRow);
    onChange(formatArch(r.spec));
    return true;
  };
  return (
    <div className="layer-list">
      <button type="button" className="layer-list-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} Layers{spec ? ` (${count})` : ''}
      </button>
      {open && (
        <div id={listId}>
          {!spec && <p className="hint">The text above has a problem: the list shows the spec again once it parses.</p>}
          {spec && (
            <ol className="layer-rows" aria-label="Layers of the spec">
              {spec.items.map((item, i) => (
                <li key={i} className={i === row ? 'layer-row selected' : 'layer-row'}>
                  <div className="layer-row-head">
                    <button type="button" className="layer-row-name" aria-pressed={i === row} onClick={() => { setRow(i); setProblem(null); }}>
                      <span className="index">{i + 1}.</span> <code>{rowText(item)}</code>
                    </button>
                    <span className="layer-row-buttons">
                      <button type="button" aria-label={`Move layer ${i + 1} up`} disabled={i === 0} onClick={() => apply(move(spec, i, -1), i - 1)}>↑</button>
                      <button type="button" aria-label={`Move layer ${i + 1} down`} disabled={i === count - 1} onClick={() => apply(move(spec, i, 1), i + 1)}>↓</button>
                      <button type="button" aria-label={`Add a layer after layer ${i + 1}`} onClick={() => apply(insertAfter(spec, i), i + 1)}>+</button>
                      <button type="button" aria-label={`Remove layer ${i + 1}`} disabled={count <= 1} onClick={() => apply(removeAt(spec, i), Math.max(0, i - 1))}>×</button>
                    </span>
                  </div>
                  {i === row && <RowFields spec={spec} index={i} item={item} apply={apply} problem={problem} />}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}

function RowFields({ spec, index, item, apply, problem }: { spec: ArchSpec; index: number; item: ArchItem; apply: (r: EditResult) => boolean; problem: string | null }) {
  const errorId = useId();
  const fields = LAYER_FIELDS[item.kind];
  const nested = item.kind === 'group' || item.kind === 'aux' || item.kind === 'repeat';
  return (
    <div className="layer-fields">
      {KINDS.includes(item.kind) && (
        <label>kind
          <select value={item.kind} onChange={(e) => apply(setKind(spec, index, e.target.value))}>
            {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
      )}
      {fields.map((f) => <FieldInput key={`${index}-${f.key}`} field={f} value={fieldValue(item, f.key)} errorId={errorId} onValue={(v) => apply(setField(spec, index, f.key, v))} />)}
      {nested && <p className="hint">Its inner layers are edited in the text.</p>}
      {problem && <p className="spec-problem" id={errorId} role="alert">{problem}</p>}
    </div>
  );
}

function FieldInput({ field, value, errorId, onValue }: { field: LayerField; value: string; errorId: string; onValue: (v: string) => boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [value]);
  if (field.type === 'flag') {
    return <label><input type="checkbox" checked={value === 'on'} onChange={(e) => onValue(e.target.checked ? 'on' : 'off')} /> {field.label}</label>;
  }
  if (field.type === 'choice') {
    return (
      <label>{field.label}
        <select value={value} onChange={(e) => onValue(e.target.value)}>{field.choices!.map((c) => <option key={c} value={c}>{c}</option>)}</select>
      </label>
    );
  }
  const invalid = draft !== null && draft !== value;
  return (
    <label>{field.label}
      <input type="text" inputMode={field.type === 'int' ? 'numeric' : 'text'} spellCheck={false} autoComplete="off" size={4}
        value={draft ?? value} aria-invalid={invalid || undefined} aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => { setDraft(e.target.value); if (onValue(e.target.value)) setDraft(null); }} />
    </label>
  );
}
