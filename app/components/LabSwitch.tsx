import { useCallback, useRef, type KeyboardEvent } from 'react';
import { useOpenLab } from '../labs/useOpenLab.ts';
import { LABS, type LabId } from '../labs/registry.ts';
import { useLab, useLabStore } from '../store/LabContext.tsx';
import { enterLab } from '../labs/enterLab.ts';

/** The id of a lab's tab, for the workspace (its tab panel) to be labelled by. */
export const labTabId = (lab: LabId) => `lab-tab-${lab}`;
export const LAB_PANEL_ID = 'lab-workspace';

/**
 * The labs as a tab list: one tab per lab, the open one selected. Arrow keys, Home and End move
 * between the tabs and open the lab they land on (only the selected tab is in the Tab order).
 */
export function LabSwitch() {
  const open = useOpenLab();
  const choose = useChooseLab();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = LABS.findIndex((l) => l.id === open);
    const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (at + 1) % LABS.length
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? (at - 1 + LABS.length) % LABS.length
        : e.key === 'Home' ? 0 : e.key === 'End' ? LABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(LABS[next].id);
    tabs.current[next]?.focus();
  };
  return (
    <div className="lab-switch" role="tablist" aria-label="Lab" onKeyDown={onKeyDown}>
      {LABS.map((lab, i) => (
        <button
          key={lab.id}
          ref={(el) => { tabs.current[i] = el; }}
          type="button"
          role="tab"
          id={labTabId(lab.id)}
          aria-selected={lab.id === open}
          aria-controls={LAB_PANEL_ID}
          tabIndex={lab.id === open ? 0 : -1}
          aria-label={lab.title}
          onClick={() => choose(lab.id)}
        >
          {lab.short}<span className="lab-title-rest">{lab.title.slice(lab.short.length)}</span>
        </button>
      ))}
    </div>
  );
}

/** Open a lab, keeping the experiment; a lab that needs more than it has gets it (see enterLab). */
function useChooseLab(): (lab: LabId) => void {
  const setView = useLab((s) => s.setView);
  const setConfig = useLab((s) => s.setConfig);
  const store = useLabStore();
  return useCallback((lab) => {
    const patch = enterLab(lab, store.getState().config);
    if (patch) setConfig(patch);
    setView({ lab });
  }, [setView, setConfig, store]);
}
