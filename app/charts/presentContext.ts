import { createContext } from 'react';

/**
 * True in presentation mode, where the content is drawn 1.3x: charts then cap their height so a
 * panel's title, hint and chart fit one 1280 x 720 screen together.
 */
export const PresentContext = createContext(false);

/** Tallest chart in presentation mode, in CSS px before the 1.3x zoom. */
export const PRESENT_MAX_CHART_HEIGHT = 290;
