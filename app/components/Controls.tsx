import { useId, type ChangeEvent, type ReactNode } from 'react';
import { CONFIG_FIELDS, type Config } from '../../engine/config.ts';
import { useLab } from '../store/LabContext.tsx';

/** Depths offered in the menu; a link may ask for any other in range, which is then added. */
const DEPTHS = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200] as const;

/** A few labelled selects; each change rewrites the URL and reruns the probe. The full panel comes later. */
export function Controls() {
  const depth = useLab((s) => s.config.depth);
  const act = useLab((s) => s.config.act);
  const init = useLab((s) => s.config.init);
  const setConfig = useLab((s) => s.setConfig);
  const depths = DEPTHS.includes(depth as (typeof DEPTHS)[number]) ? DEPTHS : [...DEPTHS, depth].sort((a, b) => a - b);

  return (
    <form className="controls" aria-label="Experiment controls" onSubmit={(e) => e.preventDefault()}>
      <Field label="Hidden layers">
        {(id) => (
          <select id={id} value={depth} onChange={(e) => setConfig({ depth: Number(e.target.value) })}>
            {depths.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        )}
      </Field>
      <Field label="Activation">
        {(id) => (
          <select id={id} value={act} onChange={(e) => setConfig({ act: choose(CONFIG_FIELDS.act.choices, e) })}>
            {CONFIG_FIELDS.act.choices.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        )}
      </Field>
      <Field label="Initializer">
        {(id) => (
          <select id={id} value={init} onChange={(e) => setConfig({ init: choose(CONFIG_FIELDS.init.choices, e) })}>
            {CONFIG_FIELDS.init.choices.map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        )}
      </Field>
    </form>
  );
}

/** A label above its control, tied by id so the control's accessible name is the label alone. */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** The chosen option, typed as one of the field's choices (the select offers nothing else). */
function choose<T extends Config['act'] | Config['init']>(choices: readonly T[], e: ChangeEvent<HTMLSelectElement>): T {
  return choices.find((c) => c === e.target.value) ?? choices[0];
}
