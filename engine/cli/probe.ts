/**
 * npm run probe -- "<query string or full URL>" [--format json|csv] [--export FILE] [--steps N [--track]]
 * Prints the experiment's per-layer probes and theory; with --steps, trains N steps on the
 * config's data set and prints the per-layer statistics, the metrics and (--track) the
 * percentile track instead (see train.ts). The query is the same one a shared link
 * carries, parsed by the same codec. Bad input: exit code 2, one line per problem on stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseQuery, toQuery, type Config } from '../config.ts';
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
  const budget = all.length === 0 ? budgetProblem(parsed.config) : null;
  if (budget) all.push(budget);
  if (all.length > 0) {
    for (const line of all) process.stderr.write(`probe: ${line}\n`);
    return 2;
  }
  if (args.steps !== null) return train(parsed.config, args.steps, args.track, args.format);
  const run = runProbe(parsed.config);
  const reports = layerReports(run.probe);
  if (args.format === 'csv') {
    process.stdout.write(toCsv(reports));
  } else {
    const out = { query: toQuery(run.config), config: run.config, fingerprint: probeFingerprint(run.probe), overflow: overflowSummary(run.probe), layers: reports };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
  if (args.exportFile) {
    writeFileSync(args.exportFile, JSON.stringify(exportProbe(run)));
    process.stderr.write(`probe: wrote ${args.exportFile}\n`);
  }
  return 0;
}

function train(config: Config, steps: number, track: boolean, format: 'json' | 'csv'): number {
  const problem = trainingProblem(config);
  if (problem) {
    process.stderr.write(`probe: ${problem}\n`);
    return 2;
  }
  const started = performance.now();
  const report = runTraining(config, steps, { track, digits: config.data === 'digits' ? readDigitsFile() : null });
  const seconds = (performance.now() - started) / 1000;
  if (format === 'csv') process.stdout.write(toCsv(report.layers) + trainingCsv(report));
  else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`probe: ${report.metrics.step} steps in ${seconds.toFixed(2)} s (${Math.round(report.metrics.step / seconds)} steps/s, with evaluations)${report.divergence ? `; ${report.divergence}` : ''}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
