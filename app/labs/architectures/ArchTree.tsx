/** The layer table as a tree: a fold button on each block, one row per visible layer or block. */
import type { ArchRow } from '../../../engine/contract/arch/shapePass.ts';
import { exact, memoryText, shapeText, type VisibleRow } from './archRows.ts';

export interface ArchTreeProps {
  readonly caption: string;
  readonly rows: readonly VisibleRow[];
  readonly onToggle: (name: string) => void;
  /** Choose a layer for the receptive-field view. */
  readonly onSelect: (name: string) => void;
  readonly selected: string | null;
  /** The spec sheet's columns too: each conv's and pool's size formula filled in, and n = fan_in (the convolution lab). */
  readonly sheet?: boolean;
}

export function ArchTree({ caption, rows, onToggle, onSelect, selected, sheet = false }: ArchTreeProps) {
  return (
    <table className="data-table arch-tree">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Layer</th><th scope="col">Output</th>
          {sheet && <><th scope="col">Output size (height)</th><th scope="col">n = fan_in</th></>}
          <th scope="col">Parameters</th><th scope="col">MACs</th>
          <th scope="col">RF</th><th scope="col">Jump</th><th scope="col">Memory</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v) => <TreeRow key={v.row.name} v={v} onToggle={onToggle} onSelect={onSelect} selected={selected === v.row.name} sheet={sheet} />)}
      </tbody>
    </table>
  );
}

function TreeRow({ v, onToggle, onSelect, selected, sheet }: { v: VisibleRow; onToggle: (name: string) => void; onSelect: (name: string) => void; selected: boolean; sheet: boolean }) {
  const r: ArchRow = v.row;
  const name = r.name.slice(r.name.lastIndexOf('.') + 1);
  return (
    <tr className={`${v.foldable ? 'block' : 'leaf'}${selected ? ' selected' : ''}`} data-row={r.name}>
      <th scope="row" style={{ paddingLeft: `${0.5 + v.depth * 1.1}rem` }}>
        {v.foldable
          ? <button type="button" className="fold" aria-expanded={v.open} onClick={() => onToggle(r.name)} aria-label={`${v.open ? 'Fold' : 'Unfold'} ${r.name}`}>{v.open ? '▾' : '▸'} {name}</button>
          : r.out.length === 3
            ? <button type="button" className="leaf-name" aria-pressed={selected} onClick={() => onSelect(r.name)} title={sheet ? 'Select it in every panel' : 'Show its receptive field'}>{name}</button>
            : <span className="leaf-name">{name}</span>}
        <span className="kind">{r.kind}</span>
      </th>
      <td className="num">{shapeText(r.out)}</td>
      {sheet && <><td className="formula">{r.formula ?? ''}</td><td className="num">{r.fanIn ?? ''}</td></>}
      <td className="num">{exact(r.params)}</td>
      <td className="num">{exact(r.macs)}</td>
      <td className="num">{r.rf}</td>
      <td className="num">{r.jump}</td>
      <td className="num">{memoryText(r.activations)}</td>
    </tr>
  );
}
