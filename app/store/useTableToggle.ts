import { useLab } from './LabContext.tsx';

/**
 * A chart's "Show table" state, for ChartFigure: `<ChartFigure {...useTableToggle('loss')} …>`.
 * Open tables are kept per id in the store (viewSlice), so they stay open across re-renders and runs.
 */
export function useTableToggle(id: string): { readonly tableOpen: boolean; readonly onToggleTable: () => void } {
  const tableOpen = useLab((s) => s.tablesOpen[id] === true);
  const toggleTable = useLab((s) => s.toggleTable);
  return { tableOpen, onToggleTable: () => toggleTable(id) };
}
