import { useId, useMemo, useState } from 'react';
import { DataTable, type TableRow } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { compact, exact, shapeText } from './archRows.ts';
import { COMPARISONS, countVariant, ratioText, type Comparison, type Variant } from './blocks.ts';

/**
 * The lecture's block comparisons, each variant an editable spec on an editable input, counted from
 * shapes. `only`: these comparisons (by id) and no others, as a lecture slide opens it.
 */
export function BlocksPanel({ only }: { readonly only?: readonly string[] } = {}) {
  const comparisons = useMemo(() => (only ? COMPARISONS.filter((c) => only.includes(c.id)) : COMPARISONS), [only]);
  const [edits, setEdits] = useState<Readonly<Record<string, readonly Variant[]>>>({});
  const variantsOf = (c: Comparison) => edits[c.id] ?? c.variants;
  const rows: TableRow[] = useMemo(() => comparisons.flatMap((c) => (edits[c.id] ?? c.variants).map((v, i) => {
    const n = countVariant(v);
    return { key: `${c.id}.${i}`, header: `${c.title}: ${v.label}`, cells: [v.spec, v.input ?? 'own', n.problem ?? exact(n.params), n.problem ? null : exact(n.macs), n.output ? shapeText(n.output) : null, n.problem ? null : String(n.rf)] };
  })), [edits, comparisons]);
  return (
    <PanelFrame
      id="blocks"
      title="The block explorer"
      hint="The lecture's comparisons, every number computed from the layer shapes. Edit any spec or input: the counts follow."
      table={<DataTable caption="Every variant of every comparison" rowHeader="Variant" columns={[{ header: 'Spec' }, { header: 'Input' }, { header: 'Parameters' }, { header: 'MACs' }, { header: 'Output' }, { header: 'RF' }]} rows={rows} />}
    >
      <div className="blocks-grid">
        {comparisons.map((c) => (
          <ComparisonCard key={c.id} c={c} variants={variantsOf(c)}
            onEdit={(i, v) => setEdits((e) => ({ ...e, [c.id]: variantsOf(c).map((old, j) => (j === i ? v : old)) }))}
            onReset={edits[c.id] ? () => setEdits((e) => { const { [c.id]: _, ...rest } = e; return rest; }) : null} />
        ))}
      </div>
    </PanelFrame>
  );
}

function ComparisonCard({ c, variants, onEdit, onReset }: { c: Comparison; variants: readonly Variant[]; onEdit: (i: number, v: Variant) => void; onReset: (() => void) | null }) {
  const titleId = useId();
  const counts = variants.map(countVariant);
  return (
    <section className="block-card" aria-labelledby={titleId} data-comparison={c.id}>
      <h3 id={titleId}>{c.title}</h3>
      <p className="block-note">{c.note}</p>
      <table className="data-table block-table">
        <caption className="arch-sr">{c.title}</caption>
        <thead><tr><th scope="col">Variant</th><th scope="col">Spec</th><th scope="col">Input</th><th scope="col">Params</th><th scope="col">MACs</th><th scope="col">Out</th><th scope="col">RF</th><th scope="col">vs first</th></tr></thead>
        <tbody>
          {variants.map((v, i) => {
            const n = counts[i];
            return (
              <tr key={i}>
                <th scope="row">{v.label}</th>
                <td><input className="block-spec" aria-label={`${c.title}, ${v.label}: spec`} value={v.spec} spellCheck={false} onChange={(e) => onEdit(i, { ...v, spec: e.target.value })} /></td>
                <td>{v.input === null ? 'own' : <input className="block-input" aria-label={`${c.title}, ${v.label}: input`} value={v.input} onChange={(e) => onEdit(i, { ...v, input: e.target.value })} />}</td>
                {n.problem
                  ? <td colSpan={5} className="block-problem" role="alert">{n.problem}</td>
                  : <>
                      <td className="num" data-testid="block-params" title={compact(n.params)}>{exact(n.params)}</td>
                      <td className="num">{compact(n.macs)}</td>
                      <td className="num">{n.output ? shapeText(n.output) : '—'}</td>
                      <td className="num">{n.rf}</td>
                      <td className="num">{i === 0 ? '' : ratioText(counts[0], n)}</td>
                    </>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {onReset && <button type="button" className="panel-button" onClick={onReset}>Reset</button>}
    </section>
  );
}
