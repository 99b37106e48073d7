/**
 * npm run probe -- "<query string or full URL>" [--format json|csv] [--export FILE]
 * Prints the experiment's per-layer probes and theory. The query is the same one a shared link
 * carries, parsed by the same codec. Bad input: exit code 2, one line per problem on stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseQuery, toQuery } from '../config.ts';
import { runProbe } from '../experiment.ts';
import { budgetProblem } from '../limits.ts';
import { probeFingerprint } from '../probe/fingerprint.ts';
import { layerReports, overflowSummary, toCsv } from '../probe/report.ts';
import { parseArgs } from './args.ts';
import { exportProbe } from './export.ts';

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

process.exitCode = main(process.argv.slice(2));
