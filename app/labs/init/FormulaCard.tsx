import { useDeferredValue, useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import 'katex/dist/katex.min.css'; // bundled with its fonts: the page never fetches anything off its origin
import { stat } from '../../../engine/contract/probeLayout.ts';
import { readSecondMoment } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { texToHtml } from '../../security/trustedHtml.ts';
import { PLACEHOLDER } from '../../charts/placeholder.ts';
import { formulaModel, type FormulaStep } from './formula.ts';
import { objectiveModel } from './objective.ts';
import { trainCountOf } from '../../../engine/contract/training.ts';
import '../../charts/panels.css';

/** (e) The variance recursion with this experiment's numbers plugged in, as real math. */
export function FormulaCard() {
  // Deferred together (one object from the store), so the numbers and their config never disagree.
  const { probe, probeConfig } = useDeferredValue(useLab(useShallow((s) => ({ probe: s.probe, probeConfig: s.probeConfig }))));
  const stale = useLab((s) => s.probeConfig !== s.config);
  const status = useLab((s) => s.status);
  const titleId = useId();
  // The numbers follow the probe's own config, so the card always agrees with the charts beside it.
  const model = useMemo(() => {
    if (!probe || !probeConfig) return null;
    const depth = probe.depth;
    return formulaModel({
      config: probeConfig,
      theoryPreM2: Array.from({ length: depth }, (_, l) => stat(probe, l, 'theoryPreM2')),
      theoryActM2: Array.from({ length: depth }, (_, l) => stat(probe, l, 'theoryActM2')),
      measuredPreM2: Array.from({ length: depth }, (_, l) => readSecondMoment(stat(probe, l, 'preM2'), stat(probe, l, 'nonFinitePre'))),
      weightVariance: probe.theoryWeightVar,
      activationFactor: probe.theoryActFactor,
    });
  }, [probe, probeConfig]);

  return (
    <section className="lab-panel formula-card" aria-labelledby={titleId} aria-busy={stale}>
      <h2 id={titleId} className="panel-title">The variance recursion</h2>
      {model ? (
        <>
          <p className="formula-summary" style={{ opacity: stale ? 0.5 : 1 }}>{model.summary}</p>
          <dl className="formula-steps" style={{ opacity: stale ? 0.5 : 1 }}>
            {model.steps.map((step) => <Step key={step.label} step={step} />)}
          </dl>
        </>
      ) : (
        <p className="chart-placeholder">{PLACEHOLDER[status]}</p>
      )}
      <Objective />
    </section>
  );
}

/** With a data set: the loss being minimized, read as MAP with weight decay's Gaussian prior. */
function Objective() {
  const config = useLab((s) => s.config);
  const model = useMemo(() => (config.data === 'none' ? null : objectiveModel(config, trainCountOf(config))), [config]);
  if (!model) return null;
  return (
    <div className="formula-objective">
      <h3>The training objective: MAP</h3>
      <p className="formula-summary">{model.summary}</p>
      <dl className="formula-steps">
        <Step step={{ label: 'Objective', tex: model.tex, note: 'The optimizer runs gradient descent on J, one mini-batch at a time.' }} />
      </dl>
    </div>
  );
}

function Step({ step }: { step: FormulaStep }) {
  // step.tex is built in formula.ts from numbers and fixed strings only, never from raw URL text;
  // texToHtml is the one way to HTML (a Trusted Types policy that returns KaTeX's output only).
  const html = useMemo(() => step.tex.map(texToHtml), [step.tex]);
  return (
    <div className="formula-step">
      <dt>{step.label}</dt>
      <dd>
        {html.map((h, i) => <div key={i} className="formula-math" dangerouslySetInnerHTML={{ __html: h }} />)}
        <p className="formula-note">{step.note}</p>
      </dd>
    </div>
  );
}
