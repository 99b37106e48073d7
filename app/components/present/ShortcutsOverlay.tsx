import { useEffect, useId, useRef } from 'react';
import { useLab } from '../../store/LabContext.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** "?": every shortcut in a modal dialog (focus stays inside; Esc or the button closes it). */
export function ShortcutsOverlay() {
  const open = useLab((s) => s.shortcutsOpen);
  const setOpen = useLab((s) => s.setShortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby={titleId} onClose={() => setOpen(false)}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <table>
        <thead><tr><th scope="col">Key</th><th scope="col">Does</th></tr></thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{s.keys.map((k, i) => <span key={k}>{i > 0 && ' or '}<kbd>{k}</kbd></span>)}</td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Keys act anywhere but inside a control, where Space and the arrows keep their usual meaning.</p>
      <button type="button" className="button" onClick={() => setOpen(false)}>Close</button>
    </dialog>
  );
}
