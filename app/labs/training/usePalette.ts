import { useMemo } from 'react';
import { readPalette, type CanvasPalette } from '../../charts/cssColors.ts';
import { useLab } from '../../store/LabContext.tsx';

/** The theme's colours as RGB for canvases, re-read when the theme changes (the attribute is set before React renders). */
export function usePalette(): CanvasPalette {
  const theme = useLab((s) => s.theme);
  // The theme is the reason to read the CSS again (readPalette takes no argument).
  return useMemo(() => readPalette(), [theme]);
}
