import { useLab } from '../store/LabContext.tsx';

/** One toggle button: pressed means the dark theme. */
export function ThemeToggle() {
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  const dark = theme === 'dark';
  return (
    <button type="button" className="button quiet theme-toggle" aria-pressed={dark} onClick={() => setTheme(dark ? 'light' : 'dark')}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}>
      <span aria-hidden="true">☾</span> Dark theme<span className="toggle-state" aria-hidden="true">: {dark ? 'on' : 'off'}</span>
    </button>
  );
}
