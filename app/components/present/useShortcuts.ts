import { useEffect } from 'react';
import type { LabStore } from '../../store/labStore.ts';
import type { TrainingControls } from '../../store/connectTraining.ts';
import { belongsToControl } from './shortcuts.ts';
import { enterSlides } from './Slides.tsx';

/** Toggle full screen; failures (an iframe without allowfullscreen) are ignored: the page stays as it is. */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  else void document.documentElement.requestFullscreen?.().catch(() => {});
}

/**
 * The lab's global keys (see shortcuts.ts). Space and the arrow keep their usual meaning inside a
 * control (a button, a slider, a field); everywhere else they drive training. [ and ] are handled
 * by the preset menu.
 */
export function useShortcuts(store: LabStore, training: TrainingControls): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const s = store.getState();
      if (e.key === 'Escape' && s.shortcutsOpen) {
        s.setShortcutsOpen(false);
        return;
      }
      if (belongsToControl(e.target)) return;
      const trains = s.config.data !== 'none';
      let handled = true;
      switch (e.key) {
        case ' ':
          if (!trains) handled = false;
          else if (s.trainStatus === 'running') training.pause();
          else training.play();
          break;
        case 'ArrowRight':
          if (trains && s.trainStatus !== 'running') training.step(1);
          else handled = false;
          break;
        case 'r':
        case 'R':
          if (trains) training.reset();
          else handled = false;
          break;
        case 'p':
        case 'P':
          s.setView({ present: !s.view.present });
          break;
        case 's':
        case 'S':
          if (s.view.slide) s.setView({ slide: undefined });
          else enterSlides(store);
          break;
        case 'f':
        case 'F':
          toggleFullscreen();
          break;
        case 't':
        case 'T':
          s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
          break;
        case '?':
          s.setShortcutsOpen(!s.shortcutsOpen);
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, training]);
}
