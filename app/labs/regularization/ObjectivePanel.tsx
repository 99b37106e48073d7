import 'katex/dist/katex.min.css'; // bundled with its fonts: the page never fetches anything off its origin
import { useMemo } from 'react';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { texToHtml } from '../../security/trustedHtml.ts';
import { useLab } from '../../store/LabContext.tsx';
import { numberCell } from '../training/cells.ts';
import { runColumns } from '../training/runColumns.ts';
import { useShownRuns, type ShownRun } from '../training/runs.ts';
import { latestObjective, objectiveTex, valuesTex, type ObjectiveValues } from './objective.ts';

interface RunObjective {
  readonly run: ShownRun;
  readonly values: ObjectiveValues | null;
  readonly tex: string[];
}

/**
 * MLE vs MAP written out: log p(θ|D) = log p(D|θ) + log p(θ) + const, so the objective is the mean
 * negative log-likelihood plus the prior's term; each run's two terms at its latest evaluation.
 */
export function ObjectivePanel() {
  const { runs, busy } = useShownRuns();
  const n = useLab((s) => s.dataset?.trainCount ?? 0);
  const objectives = useMemo((): RunObjective[] => runs.map((run) => {
    const { evals } = runColumns(run.run);
    const values = evals ? latestObjective(evals.steps, evals.trainLoss, evals.priorTerm) : null;
    return { run, values, tex: objectiveTex(run.config, n) };
  }), [runs, n]);
  const html = useMemo(() => objectives.map((o) => ({
    forms: o.tex.map(texToHtml),
    values: o.values ? texToHtml(valuesTex(o.values, o.run.config)) : null,
  })), [objectives]);
  const rows = objectives.map((o) => ({
    key: o.run.id, header: o.run.name || 'This run',
    cells: [numberCell(o.values?.step ?? NaN), numberCell(o.values?.dataTerm ?? NaN), numberCell(o.values?.priorTerm ?? NaN), numberCell(o.values?.total ?? NaN)],
  }));
  return (
    <PanelFrame
      id="objective"
      title="The objective: data term + prior term"
      busy={busy}
      hint={<>
        MAP: log p(θ|D) = log p(D|θ) + log p(θ) + const. Dividing by −N gives what is minimized: the mean negative log-likelihood
        (the training cross-entropy, averaged over the mini-batches since the last evaluation) plus the prior’s term. For a fixed
        prior σ, λ = 1/(Nσ²): the fewer the examples, the more the prior weighs. MLE keeps the first term alone.
      </>}
      table={<DataTable caption="The objective's terms at each run's latest evaluation" rowHeader="Run"
        columns={[{ header: 'step' }, { header: 'data term' }, { header: 'prior term λR(W)' }, { header: 'L' }]} rows={rows} />}
    >
      {objectives.length === 0 && <p className="chart-placeholder">Waiting for the first run…</p>}
      {objectives.map((o, i) => (
        <div key={o.run.id} className="objective-run">
          {objectives.length > 1 && <h3 className="run-title"><span aria-hidden="true" style={{ color: o.run.color }}>● </span>{o.run.name}</h3>}
          {html[i].forms.map((h, k) => <div key={k} className="formula-math" dangerouslySetInnerHTML={{ __html: h }} />)}
          {html[i].values
            ? <div className="formula-math" dangerouslySetInnerHTML={{ __html: html[i].values! }} />
            : <p className="panel-status">Train a few steps for the live values.</p>}
          {o.values && <p className="panel-status">At step {o.values.step} (latest evaluation).</p>}
        </div>
      ))}
    </PanelFrame>
  );
}
