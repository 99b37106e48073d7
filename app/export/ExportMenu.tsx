import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { exportName, toCsv, toJson, type ChartData } from './chartData.ts';
import { toQuery } from '../../engine/contract/config.ts';
import { useLab } from '../store/LabContext.tsx';
import './export.css';

/** The SVG and file helpers load when a format is first picked: a first visit never needs them. */
const exporters = () => Promise.all([import('./standaloneSvg.ts'), import('./files.ts')]);

export interface ExportMenuProps {
  /** The chart's title: names the menu ("Export Signal by layer"), the files and the SVG's <title>. */
  readonly title: string;
  /** The figure whose drawing is exported (read when a format is picked, never before). */
  readonly figure: RefObject<HTMLElement | null>;
  /** The numbers behind the chart for CSV and JSON; null hides those two formats. */
  readonly data: (() => ChartData) | null;
}

type Format = 'svg' | 'png' | 'csv' | 'json';

const FORMATS: readonly { format: Format; label: string; needsData: boolean }[] = [
  { format: 'svg', label: 'SVG image', needsData: false },
  { format: 'png', label: 'PNG image (2×)', needsData: false },
  { format: 'csv', label: 'CSV data', needsData: true },
  { format: 'json', label: 'JSON data', needsData: true },
];

/** Two PNG pixels per CSS pixel: sharp on a projector and in slides. */
const PNG_SCALE = 2;

/**
 * "Export" beside a chart's table toggle: a disclosure (aria-expanded) opening a group of format
 * buttons. Keyboard: Enter or Space opens it, arrow keys move between formats, Escape closes it
 * and gives focus back to the button.
 */
export function ExportMenu({ title, figure, data }: ExportMenuProps) {
  const config = useLab((s) => s.config);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const working = useRef(false); // a PNG takes a moment; a second click meanwhile is ignored
  const menu = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const optionsId = useId();
  const formats = FORMATS.filter((f) => data !== null || !f.needsData);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function options(): HTMLButtonElement[] {
    return [...(menu.current?.querySelectorAll<HTMLButtonElement>('.export-options button') ?? [])];
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation(); // one Escape closes this menu, not also whatever holds it
      setOpen(false);
      trigger.current?.focus();
      return;
    }
    const buttons = options();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'ArrowDown' ? (at + 1) % buttons.length
      : e.key === 'ArrowUp' ? (at <= 0 ? buttons.length - 1 : at - 1)
        : e.key === 'Home' && at >= 0 ? 0
          : e.key === 'End' && at >= 0 ? buttons.length - 1
            : null;
    if (next === null) return;
    e.preventDefault();
    if (!open) setOpen(true);
    // Opened by this key press: the buttons appear on the next render.
    requestAnimationFrame(() => options()[next]?.focus());
  }

  async function save(format: Format) {
    const el = figure.current;
    if (!el || working.current) return;
    const file = `${exportName(title, toQuery(config))}.${format}`;
    working.current = true;
    let nothing: (new () => Error) | null = null;
    try {
      const [{ figureToSvg, NothingToExport }, { saveBlob, svgToPng }] = await exporters();
      nothing = NothingToExport;
      if (format === 'svg' || format === 'png') {
        const svg = figureToSvg(el, title);
        const blob = format === 'svg'
          ? new Blob([svg.text], { type: 'image/svg+xml' })
          : await svgToPng(svg.text, svg.width, svg.height, PNG_SCALE);
        saveBlob(blob, file);
      } else {
        const numbers = data?.();
        if (!numbers || numbers.rows.length === 0) {
          setMessage('There are no numbers to export yet.');
          return;
        }
        const text = format === 'csv' ? toCsv(numbers) : toJson(title, numbers);
        saveBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }), file);
      }
      setMessage(`Saved ${file}`);
    } catch (error) {
      setMessage(nothing && error instanceof nothing ? error.message : `Could not export: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      working.current = false;
    }
  }

  return (
    <div
      ref={menu}
      className="export-menu"
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        // Tabbing out of the menu closes it; a click outside is handled by the pointerdown listener.
        if (e.relatedTarget && !menu.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={trigger}
        type="button"
        className="panel-button"
        aria-label={`Export ${title}`}
        aria-expanded={open}
        aria-controls={optionsId}
        onClick={() => {
          setOpen((o) => !o);
          setMessage('');
        }}
      >
        Export
      </button>
      <div id={optionsId} className="export-options" role="group" aria-label={`Export ${title} as`} hidden={!open}>
        {formats.map((f) => (
          <button key={f.format} type="button" onClick={() => void save(f.format)}>
            {f.label}
          </button>
        ))}
        <p className="export-status" role="status">{message}</p>
      </div>
    </div>
  );
}
