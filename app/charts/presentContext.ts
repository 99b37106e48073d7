import { createContext } from 'react';

/**
 * True in presentation mode, where the content is drawn 1.3x: charts then cap their height so a
 * panel's title, hint and chart fit one 1280 x 720 screen together.
 */
export const PresentContext = createContext(false);

/** Tallest chart in presentation mode, in CSS px before the 1.3x zoom. */
export const PRESENT_MAX_CHART_HEIGHT = 290;

/**
 * True in an embed (embed=1) and in presentation mode: a chart fits the window, axes and all, and
 * its description folds behind a toggle.
 */
export const FitContext = createContext(false);

/** Least chart height when fitting a small window, px. */
export const FIT_MIN_CHART_HEIGHT = 180;
