import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { OptionCheckbox } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { compact, exact } from './archRows.ts';
import { ConvGrid } from './ConvGrid.tsx';
import { arithmetic, CONV_LIMITS, lectureRule, taps, type ConvParams } from './convArithmetic.ts';
import { NumberField } from './NumberField.tsx';
import { useExplore, useSetExplore } from './useExplore.ts';

const FIELDS: readonly { key: 'n' | 'k' | 's' | 'p' | 'd' | 'op' | 'cin' | 'cout'; label: string }[] = [
  { key: 'n', label: 'Input n' }, { key: 'k', label: 'Kernel k' }, { key: 's', label: 'Stride s' }, { key: 'p', label: 'Padding p' },
  { key: 'd', label: 'Dilation d' }, { key: 'op', label: 'Output padding' }, { key: 'cin', label: 'C in' }, { key: 'cout', label: 'C out' },
];

const TICK_MS = 700;

/** One convolution, step by step: which inputs each output reads, the size formula filled in, the counts. */
export function ConvArithmeticPanel() {
  const conv = useExplore('conv');
  const setExplore = useSetExplore();
  const set = (patch: Partial<ConvParams>) => setExplore({ conv: { ...conv, ...patch } });
  const a = useMemo(() => arithmetic(conv), [conv]);
  const steps = a.problem === null && a.axis.length > 0 ? a.out * a.out : 0;
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const at = steps === 0 ? 0 : step % steps;
  const current: [number, number] | null = steps === 0 ? null : [Math.floor(at / a.out), at % a.out];

  useEffect(() => {
    if (!playing || steps === 0) return;
    const t = setInterval(() => setStep((s) => (s + 1) % steps), TICK_MS);
    return () => clearInterval(t);
  }, [playing, steps]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (steps === 0) return;
    if (e.key === ' ' || e.key === 'k') setPlaying((p) => !p);
    else if (e.key === 'ArrowRight' || e.key === 'l') setStep((at + 1) % steps);
    else if (e.key === 'ArrowLeft' || e.key === 'j') setStep((at - 1 + steps) % steps);
    else if (e.key === 'Home') setStep(0);
    else return;
    e.preventDefault();
  };

  const read = current ? taps(a, conv, current[0], current[1]) : [];
  const inputsRead = read.filter(([r, c]) => a.axis[r].kind === 'input' && a.axis[c].kind === 'input');
  const rule = lectureRule(conv);
  const what = conv.transposed ? 'transposed convolution' : 'convolution';
  const rows = useMemo(() => Array.from({ length: Math.min(steps, 64) }, (_, t) => {
    const [i, j] = [Math.floor(t / a.out), t % a.out];
    const cells = taps(a, conv, i, j).filter(([r, c]) => a.axis[r].kind === 'input' && a.axis[c].kind === 'input');
    return { key: t, header: `(${i}, ${j})`, cells: [String(cells.length), cells.map(([r, c]) => `${a.axis[r].index},${a.axis[c].index}`).join(' ')] };
  }), [a, conv, steps]);

  return (
    <PanelFrame
      id="convarith"
      title="Convolution arithmetic"
      hint={<>One {what} along both axes of an n×n input. Space plays and pauses, the arrow keys step (focus the drawing first).</>}
      controls={
        <>
          {FIELDS.map((f) => (
            <NumberField key={f.key} label={f.label} value={conv[f.key]} min={CONV_LIMITS[f.key][0]} max={CONV_LIMITS[f.key][1]}
              disabled={f.key === 'op' && !conv.transposed} onChange={(v) => set({ [f.key]: v })} />
          ))}
          <OptionCheckbox label="transposed" checked={conv.transposed} onChange={(t) => set({ transposed: t, op: t ? conv.op : 0 })} />
        </>
      }
      table={<DataTable caption={`Input cells each output reads${steps > 64 ? ' (first 64 outputs)' : ''}`} rowHeader="Output (row, column)" columns={[{ header: 'inputs read' }, { header: 'input cells (row,column)' }]} rows={rows} />}
    >
      <div className="conv-layout">
        <div className="conv-stage" tabIndex={0} role="group" aria-label="Convolution steps" aria-keyshortcuts="Space ArrowLeft ArrowRight Home" onKeyDown={onKeyDown}>
          {a.axis.length > 0 && (
            <ConvGrid a={a} taps={read} current={current}
              label={`${what}: a ${conv.n}×${conv.n} input, a ${conv.k}×${conv.k} kernel, stride ${conv.s}, padding ${conv.p}, dilation ${conv.d}, gives a ${a.out}×${a.out} output`} />
          )}
          <div className="conv-buttons">
            <button type="button" className="panel-button" onClick={() => setStep((at - 1 + steps) % Math.max(1, steps))} disabled={steps === 0}>◀ Step</button>
            <button type="button" className="panel-button" aria-pressed={playing} onClick={() => setPlaying((p) => !p)} disabled={steps === 0}>{playing ? 'Pause' : 'Play'}</button>
            <button type="button" className="panel-button" onClick={() => setStep((at + 1) % Math.max(1, steps))} disabled={steps === 0}>Step ▶</button>
          </div>
          <p className="panel-status" role="status" aria-live="off">
            {current ? `Output (${current[0]}, ${current[1]}), step ${at + 1} of ${steps}: reads ${inputsRead.length} input cells.` : 'No output to step through.'}
          </p>
        </div>
        <div className="conv-numbers">
          <p className="conv-formula" data-testid="conv-formula"><strong>{conv.transposed ? 'o = (n − 1)s − 2p + d(k − 1) + output padding + 1' : 'o = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1'}</strong><br />{a.formula}</p>
          {a.problem && <p className="panel-callout danger" role="alert">{a.problem}</p>}
          {a.remainder > 0 && (
            <p className="panel-callout info" data-testid="conv-floor">
              The floor drops a remainder of {a.remainder}: input row{a.dropped.length === 1 ? '' : 's'} and column{a.dropped.length === 1 ? '' : 's'} {a.dropped.join(', ')} {a.dropped.length === 1 ? 'is' : 'are'} never read (struck through).
            </p>
          )}
          {rule && <p className="conv-note">The lecture's stride-1 rule: {rule}.</p>}
          {conv.transposed && <p className="conv-note">Drawn as the direct convolution it equals: s − 1 = {conv.s - 1} zeros between inputs, d(k − 1) − p = {conv.d * (conv.k - 1) - conv.p} around them{conv.op > 0 ? `, ${conv.op} more at the end` : ''}, then stride 1.</p>}
          <dl className="conv-counts">
            <dt>Weights C_in × k × k × C_out</dt><dd>{conv.cin} × {conv.k} × {conv.k} × {conv.cout} = {exact(a.weights)} (+ {exact(a.biases)} biases)</dd>
            <dt>MACs</dt><dd>{conv.transposed ? `C_in × n² × k² × C_out = ${exact(a.macs)}` : `C_out × o² × C_in × k² = ${exact(a.macs)}`} ({compact(a.macs)})</dd>
          </dl>
          {conv.k === 1 && !conv.transposed && (
            <p className="conv-note" data-testid="conv-1x1">A 1×1 convolution is a dense layer {conv.cin} → {conv.cout} applied at each of the {a.out}×{a.out} pixels, with the same {exact(a.weights)} weights everywhere.</p>
          )}
        </div>
      </div>
    </PanelFrame>
  );
}
