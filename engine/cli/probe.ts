/**
 * npm run probe -- "<query string or full URL>" [--format json|csv] [--export FILE] [--steps N [--track]]
 * Prints the experiment's per-layer probes and theory; with --steps, trains N steps on the
 * config's data set and prints the per-layer statistics, the metrics and (--track) the
 * percentile track instead (see train.ts). With vs in the query, the A/B variant's output follows
 * (JSON: a `variant` field; CSV: a "variant" line, its query, then its tables). The query is the
 * same one a shared link carries, parsed by the same codec. Bad input: exit code 2, one line per problem on stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseQuery, toQuery, variantOf, type Config } from '../config.ts';
import { runProbe } from '../experiment.ts';
import { budgetProblem } from '../limits.ts';
import { probeFingerprint } from '../probe/fingerprint.ts';
import { layerReports, overflowSummary, toCsv } from '../probe/report.ts';
import { parseArgs } from './args.ts';
import { exportProbe } from './export.ts';
import { readDigitsFile, runTraining, trainingCsv } from './train.ts';
import { trainingProblem } from '../train/plan.ts';

function main(argv: readonly string[]): number {
  const { args, problems } = parseArgs(argv);
  const parsed = parseQuery(args.query);
  const all = [...problems, ...parsed.problems.map((p) => p.message)];
  const variant = variantOf(parsed.config);
  const budget = all.length === 0 ? budgetProblem(parsed.config) : null;
  if (budget) all.push(budget);
  const variantBudget = all.length === 0 && variant ? budgetProblem(variant) : null;
  if (variantBudget) all.push(`the variant (vs=${parsed.config.vs}): ${variantBudget}`);
  if (all.length > 0) {
    for (const line of all) process.stderr.write(`probe: ${line}\n`);
    return 2;
  }
  if (args.steps !== null) return train(parsed.config, args.steps, args.track, args.format);
  const run = runProbe(parsed.config);
  const reports = layerReports(run.probe);
  const variantRun = variant && runProbe(variant);
  if (args.format === 'csv') {
    process.stdout.write(toCsv(reports));
    if (variantRun) process.stdout.write(`\nvariant\n${toQuery(variant!)}\n\n${toCsv(layerReports(variantRun.probe))}`);
  } else {
    const summary = (r: typeof run) => ({ query: toQuery(r.config), config: r.config, fingerprint: probeFingerprint(r.probe), overflow: overflowSummary(r.probe), layers: layerReports(r.probe) });
    const out = { ...summary(run), ...(variantRun ? { variant: summary(variantRun) } : {}) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
  if (args.exportFile) {
    writeFileSync(args.exportFile, JSON.stringify(exportProbe(run)));
    process.stderr.write(`probe: wrote ${args.exportFile}\n`);
  }
  return 0;
}

function train(config: Config, steps: number, track: boolean, format: 'json' | 'csv'): number {
  const variant = variantOf(config);
  const problem = trainingProblem(config) ?? (variant && trainingProblem(variant) && `the variant (vs=${config.vs}): ${trainingProblem(variant)}`);
  if (problem) {
    process.stderr.write(`probe: ${problem}\n`);
    return 2;
  }
  const started = performance.now();
  const report = runTraining(config, steps, { track, digits: config.data === 'digits' ? readDigitsFile() : null });
  const seconds = (performance.now() - started) / 1000;
  if (format === 'csv') {
    process.stdout.write(toCsv(report.layers) + trainingCsv(report));
    if (report.variant) process.stdout.write(`\nvariant\n${report.variant.query}\n\n${toCsv(report.variant.layers)}${trainingCsv(report.variant)}`);
  } else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const taken = report.metrics.step + (report.variant?.metrics.step ?? 0);
  const divergence = [report.divergence, report.variant?.divergence && `variant: ${report.variant.divergence}`].filter(Boolean).join('; ');
  process.stderr.write(`probe: ${taken} steps in ${seconds.toFixed(2)} s (${Math.round(taken / seconds)} steps/s, with evaluations)${divergence ? `; ${divergence}` : ''}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
