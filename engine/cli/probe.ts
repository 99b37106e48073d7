/**
 * npm run probe -- "<query string or full URL>" [--format json|csv] [--export FILE] [--steps N [--track]]
 * Prints the experiment's per-layer probes and theory; with --steps, trains N steps on the
 * config's data set and prints the per-layer statistics, the metrics and (--track) the
 * percentile track instead (see train.ts). With vs in the query, each A/B variant's output follows
 * (JSON: `variants`, in vs order, and the first again as `variant`; CSV: per variant a "variant"
 * line, its query, then its tables). The query is the
 * same one a shared link carries, parsed by the same codec. Bad input: exit code 2, one line per problem on stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseQuery, toQuery, variantsOf, type Config } from '../contract/config.ts';
import { runProbe } from '../experiment.ts';
import { budgetProblem } from '../contract/limits.ts';
import { layerReports, toCsv } from '../probe/report.ts';
import { probeOutput } from '../probe/output.ts';
import { parseArgs } from './args.ts';
import { exportProbe } from '../export/probe.ts';
import { exportTrainer } from '../export/model.ts';
import { batchNormCsv, batchNormReports, type BatchNormReport } from '../probe/normReport.ts';
import type { Trainer } from '../train/trainer.ts';
import { readDataFile, runTraining, trainingCsv } from './train.ts';
import { trainingProblem } from '../contract/training.ts';
import { variantName } from '../contract/variants.ts';
import { runArchCli } from '../arch/cli.ts';
import { priorNotApplied } from '../contract/prior.ts';

function main(argv: readonly string[]): number {
  const { args, problems } = parseArgs(argv);
  const parsed = parseQuery(args.query);
  const all = [...problems, ...parsed.problems.map((p) => p.message)];
  if (all.length === 0 && parsed.config.arch !== '') {
    const exportTo = args.exportFile === null ? null : (json: string) => writeFileSync(args.exportFile!, json);
    return runArchCli(parsed.config, { steps: args.steps, digits: readDataFile(parsed.config), write: (t) => process.stdout.write(t), problem: (t) => process.stderr.write(`${t}\n`), exportTo });
  }
  const variants = variantsOf(parsed.config);
  const budget = all.length === 0 ? budgetProblem(parsed.config) : null;
  if (budget) all.push(budget);
  if (all.length === 0) {
    variants.forEach((variant, i) => {
      const variantBudget = budgetProblem(variant);
      if (variantBudget) all.push(`${variantName(parsed.config, i)}: ${variantBudget}`);
    });
  }
  if (all.length > 0) {
    for (const line of all) process.stderr.write(`probe: ${line}\n`);
    return 2;
  }
  if (args.steps !== null) return train(parsed.config, args.steps, args.track, args.format, args.exportFile);
  const data = readDataFile(parsed.config);
  const run = runProbe(parsed.config, data);
  const reports = layerReports(run.probe);
  const variantRuns = variants.map((v) => runProbe(v, data));
  for (const r of [run, ...variantRuns]) {
    for (const n of r.notApplied) process.stderr.write(`probe: ${n.key}=${n.value} not applied: ${n.why}\n`);
  }
  if (args.format === 'csv') {
    process.stdout.write(toCsv(reports) + batchNormCsv(batchNormReports(run.net, run.cache)));
    for (const v of variantRuns) process.stdout.write(`\nvariant\n${toQuery(v.config)}\n\n${toCsv(layerReports(v.probe))}`);
  } else {
    const summary = probeOutput;
    const summaries = variantRuns.map(summary);
    const out = { ...summary(run), ...(summaries.length > 0 ? { variant: summaries[0], variants: summaries } : {}) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
  if (args.exportFile) {
    writeFileSync(args.exportFile, JSON.stringify(exportProbe(run)));
    process.stderr.write(`probe: wrote ${args.exportFile}\n`);
  }
  return 0;
}

function train(config: Config, steps: number, track: boolean, format: 'json' | 'csv', exportFile: string | null): number {
  const problems = [trainingProblem(config), ...variantsOf(config).map((v, i) => {
    const p = trainingProblem(v);
    return p && `${variantName(config, i)}: ${p}`;
  })].filter((p): p is string => p !== null);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`probe: ${p}\n`);
    return 2;
  }
  for (const c of [config, ...variantsOf(config)]) {
    for (const n of priorNotApplied(c)) process.stderr.write(`probe: ${n.key}=${n.value} not applied: ${n.why}\n`);
  }
  const started = performance.now();
  let exported: unknown = null;
  let batchNorm: BatchNormReport[] = [];
  const trained = (t: Trainer) => {
    // The last training batch's statistics and the running estimates, before any evaluation pass.
    batchNorm = batchNormReports(t.net, t.cache);
    if (exportFile) exported = exportTrainer(t);
  };
  const report = runTraining(config, steps, { track, digits: readDataFile(config), trained, progress: (line) => process.stderr.write(`probe: ${line}\n`) });
  const seconds = (performance.now() - started) / 1000;
  if (format === 'csv') {
    process.stdout.write(toCsv(report.layers) + trainingCsv(report) + batchNormCsv(batchNorm));
    for (const v of report.variants ?? []) process.stdout.write(`\nvariant\n${v.query}\n\n${toCsv(v.layers)}${trainingCsv(v)}`);
  } else process.stdout.write(`${JSON.stringify({ ...report, batchNorm }, null, 2)}\n`);
  const variantReports = report.variants ?? [];
  const taken = report.metrics.step + variantReports.reduce((n, v) => n + v.metrics.step, 0);
  const label = (i: number) => (variantReports.length > 1 ? `variant ${i + 1}` : 'variant');
  const divergence = [report.divergence, ...variantReports.map((v, i) => v.divergence && `${label(i)}: ${v.divergence}`)].filter(Boolean).join('; ');
  if (exportFile) {
    writeFileSync(exportFile, JSON.stringify(exported));
    process.stderr.write(`probe: wrote ${exportFile} (the trained network at step ${report.metrics.step})\n`);
  }
  if ([report, ...variantReports].some((r) => r.pretraining)) {
    // The fine-tuned metrics beside the progress lines: each run after the same steps with labels.
    [report, ...variantReports].forEach((r, i) => {
      const m = r.metrics, pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
      const who = i === 0 ? (r.pretraining ? `pretrained (${r.pretraining.mode})` : 'this run') : `${label(i - 1)}${r.pretraining ? ` pretrained (${r.pretraining.mode})` : ''}`;
      process.stderr.write(`probe: ${who} after ${m.step} steps with labels: test accuracy ${pct(m.testAccuracy)}, test loss ${m.testLoss?.toFixed(4) ?? 'n/a'}, train accuracy ${pct(m.trainAccuracy)}\n`);
    });
  }
  process.stderr.write(`probe: ${taken} steps in ${seconds.toFixed(2)} s (${Math.round(taken / seconds)} steps/s, with evaluations)${divergence ? `; ${divergence}` : ''}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
