/** Every keyboard shortcut of the lab: the overlay lists these, the handler obeys them. */
export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], action: 'Play or pause training' },
  { keys: ['→'], action: 'Train one step' },
  { keys: ['R'], action: 'Reset training to step 0' },
  { keys: ['[', ']'], action: 'Previous or next preset' },
  { keys: ['P'], action: 'Presentation mode on or off' },
  { keys: ['S'], action: 'Slides on or off: one chart at a time, filling the window' },
  { keys: ['PgDn', 'PgUp'], action: 'Next or previous slide (Esc leaves the slides)' },
  { keys: ['F'], action: 'Full screen on or off' },
  { keys: ['T'], action: 'Light or dark theme' },
  { keys: ['?'], action: 'Show or hide this list' },
  { keys: ['Esc'], action: 'Close this list' },
];

/** Keys typed into a form field, a button or a slider belong to it, not to the lab. */
export function belongsToControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  if (/^(INPUT|TEXTAREA|SELECT|BUTTON|A|SUMMARY)$/.test(el.tagName)) return true;
  const role = el.getAttribute?.('role');
  return role === 'slider' || role === 'button' || role === 'tab' || role === 'menuitem' || role === 'option';
}
