import { useCallback, useEffect, useId } from 'react';
import type { Config } from '../../engine/contract/config.ts';
import { matchPreset, PRESETS, presetConfig, type Preset } from '../presets/presets.ts';
import { LABS, presetLab } from '../labs/registry.ts';
import { useLab } from '../store/LabContext.tsx';

/** The preset the current config is, if any: a changed control leaves it (its note would no longer hold). */
function useCurrentPreset(): Preset | null {
  return useLab((s) => matchPreset(s.config));
}

/** Choosing a preset replaces the whole config and opens its lab; the old link's problems no longer apply to it. */
function useChoosePreset(): (preset: Preset) => void {
  const setConfig = useLab((s) => s.setConfig);
  const setView = useLab((s) => s.setView);
  const dismissProblems = useLab((s) => s.dismissProblems);
  return useCallback((preset) => {
    const config: Config = presetConfig(preset);
    setConfig(config);
    setView({ lab: presetLab(preset) });
    dismissProblems();
  }, [setConfig, setView, dismissProblems]);
}

/** A labelled select of every lab's presets, grouped by lab, one click away; [ and ] step through them from anywhere but a form field. */
export function PresetMenu() {
  const current = useCurrentPreset();
  const choose = useChoosePreset();
  const id = useId();
  usePresetKeys(current, choose);
  return (
    <div className="preset-menu">
      <label htmlFor={id}>Preset</label>
      <select
        id={id}
        aria-keyshortcuts="[ ]"
        title="Keys [ and ] step through the presets"
        value={current?.id ?? ''}
        onChange={(e) => {
          const preset = PRESETS.find((p) => p.id === e.target.value);
          if (preset) choose(preset);
        }}
      >
        {current === null && <option value="">Your own settings</option>}
        {LABS.map((lab) => (
          <optgroup key={lab.id} label={lab.title}>
            {lab.presets.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function usePresetKeys(current: Preset | null, choose: (preset: Preset) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== '[' && e.key !== ']') || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const at = current ? PRESETS.indexOf(current) : -1;
      const next = e.key === ']' ? (at + 1) % PRESETS.length : at <= 0 ? PRESETS.length - 1 : at - 1;
      e.preventDefault();
      choose(PRESETS[next]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, choose]);
}

/** The current preset's "what to notice", beside the charts it talks about. */
export function PresetNote() {
  const preset = useCurrentPreset();
  const titleId = useId();
  const present = useLab((s) => s.view.present);
  if (!preset) return null;
  const heading = <h2 id={titleId}>What to notice: <span className="preset-title">{preset.title}</span></h2>;
  // Presenting, the note folds above the chart (one click opens it), so the chart fits the screen.
  if (present) {
    return (
      <section className="preset-note" aria-labelledby={titleId}>
        <details><summary>{heading}</summary><p>{preset.notice}</p></details>
      </section>
    );
  }
  return (
    <section className="preset-note" aria-labelledby={titleId}>
      {heading}
      <p>{preset.notice}</p>
    </section>
  );
}
