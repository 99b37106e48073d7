/**
 * The layer selected in the convolution lab (an engine unit: a conv or dense layer, by index), shared
 * by every panel: choosing it in the spec sheet, the drawing or the feature maps selects it in all.
 * View state of the page, not of the experiment, so it is not in the link.
 */
import { create } from 'zustand';

interface Selection {
  readonly unit: number | null;
  readonly select: (unit: number | null) => void;
}

export const useConvSelection = create<Selection>((set) => ({
  unit: null,
  select: (unit) => set({ unit }),
}));
