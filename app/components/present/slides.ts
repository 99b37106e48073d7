/**
 * The slide view: one panel of the open lab at a time, filling the window, for a lecturer to step
 * through with a clicker (PageDown / PageUp) or the keyboard. `slide=<panel id>` in the link names
 * the panel on screen, so a link opens on that slide.
 */
import type { Config } from '../../../engine/contract/config.ts';
import { labOf, type LabId, type PanelDef } from '../../labs/registry.ts';

/** The lab's panels that this config shows, in page order: the slides. */
export function slidesOf(lab: LabId, config: Config): readonly PanelDef[] {
  return labOf(lab).panels.filter((p) => p.when?.(config) ?? true);
}

/**
 * The slide `step` away from `current` (clamped at the ends); the first slide when `current` is not
 * among them (another lab's panel, or one this config does not show).
 */
export function nextSlide(slides: readonly PanelDef[], current: string, step: number): PanelDef | null {
  if (slides.length === 0) return null;
  const at = slides.findIndex((p) => p.id === current);
  if (at < 0) return slides[0];
  return slides[Math.max(0, Math.min(slides.length - 1, at + step))];
}
