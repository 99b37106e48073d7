import { useLab } from '../../store/LabContext.tsx';

/** Presentation mode: big type, thick lines, high contrast, controls folded away (key P). */
export function PresentToggle() {
  const present = useLab((s) => s.view.present);
  const setView = useLab((s) => s.setView);
  return (
    <button type="button" className="button quiet" aria-pressed={present} aria-keyshortcuts="P" onClick={() => setView({ present: !present })}>
      Present
    </button>
  );
}

/** Opens the list of keyboard shortcuts (key ?). */
export function ShortcutsButton() {
  const setOpen = useLab((s) => s.setShortcutsOpen);
  return (
    <button type="button" className="button quiet" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
      Keys
    </button>
  );
}
