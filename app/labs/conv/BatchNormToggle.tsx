/**
 * Batch norm after each conv: a checkbox that inserts a `bn` right after every plain conv of the
 * spec (groups and repeats opened) or takes those out again, through the contract's grammar. A
 * spec where some convs have one and some not shows the box half-set; a spec without plain convs
 * (a ResNet's blocks carry their own batch norm) shows no box.
 */
import { useEffect, useId, useRef } from 'react';
import { formatArch } from '../../../engine/contract/arch/grammar.ts';
import type { ArchSpec } from '../../../engine/contract/arch/spec.ts';
import { batchNormState, withBatchNorm } from './layerEdit.ts';

export function BatchNormToggle({ spec, onChange }: { readonly spec: ArchSpec | null; readonly onChange: (text: string) => void }) {
  const id = useId();
  const box = useRef<HTMLInputElement>(null);
  const state = spec ? batchNormState(spec) : null;
  useEffect(() => { if (box.current) box.current.indeterminate = state === 'mixed'; }, [state]);
  if (!spec || state === null) return null;
  const hint = state === 'mixed' ? 'Some convs have a bn after them, some not: set the box to put one after every conv.'
    : 'Inserts or removes a bn right after every plain conv of the spec (the spec text and the link follow); res, bneck, inc, dense and trans blocks keep their own.';
  return (
    <div className="field bn-toggle">
      <label htmlFor={id}><input ref={box} id={id} type="checkbox" checked={state === 'on'} aria-describedby={`${id}-hint`}
        onChange={() => onChange(formatArch(withBatchNorm(spec, state !== 'on')))} /> Batch norm after each conv</label>
      <p className="hint" id={`${id}-hint`}>{hint}</p>
    </div>
  );
}
