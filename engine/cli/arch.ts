/**
 * npm run arch -- "<query string or full URL>" [--format json|csv]
 * Prints the shape pass of the query's architecture (arch=resnet50, or arch=conv3-16,relu,...):
 * every row (blocks and their layers, in order, torchvision-style names), its output shape,
 * parameters, multiply-accumulates, receptive field and jump, then the totals. Nothing is allocated
 * but the rows. Bad input: exit code 2, one line per problem on stderr.
 */
import { formatArch } from '../arch/grammar.ts';
import { parseArchQuery } from '../arch/query.ts';
import { analyseArch, flattenRows, type ArchReport } from '../arch/shapePass.ts';

function parseFlags(argv: readonly string[]): { query: string; format: 'json' | 'csv'; problems: string[] } {
  const problems: string[] = [];
  let query: string | null = null, format: 'json' | 'csv' = 'json';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === 'json' || v === 'csv') format = v;
      else problems.push(`--format ${v ?? ''} is not json or csv`);
    } else if (a.startsWith('--')) problems.push(`unknown option ${a} (options: --format json|csv)`);
    else if (query !== null) problems.push(`more than one query given ("${a}"); quote the query`);
    else query = a;
  }
  return { query: query ?? '', format, problems };
}

const shapeText = (s: readonly number[]) => s.join('x');

function toJson(report: ArchReport, arch: string): string {
  const layers = flattenRows(report.rows).map(({ name, kind, out, params, macs, rf, jump, activations }) => ({ name, kind, out, params, macs, rf, jump, activations }));
  const aux = report.totals.params !== report.mainTotals.params ? { withoutAux: report.mainTotals } : {};
  return `${JSON.stringify({ arch, input: report.input, output: report.output, layers, totals: report.totals, ...aux }, null, 2)}\n`;
}

function toCsv(report: ArchReport): string {
  const lines = ['name,kind,out,params,macs,rf,jump,activations'];
  for (const r of flattenRows(report.rows)) lines.push([r.name, r.kind, shapeText(r.out), r.params, r.macs, r.rf, r.jump, r.activations].join(','));
  lines.push(['total', '', shapeText(report.output ?? []), report.totals.params, report.totals.macs, '', '', report.totals.activations].join(','));
  return `${lines.join('\n')}\n`;
}

function main(argv: readonly string[]): number {
  const flags = parseFlags(argv);
  const query = parseArchQuery(flags.query);
  const problems = [...flags.problems, ...query.problems];
  const report = query.spec && problems.length === 0 ? analyseArch(query.spec, query.input) : null;
  if (report) problems.push(...report.problems);
  if (report === null || problems.length > 0) {
    for (const line of problems) process.stderr.write(`arch: ${line}\n`);
    return 2;
  }
  const arch = query.named ? query.text : formatArch(query.spec!);
  process.stdout.write(flags.format === 'csv' ? toCsv(report) : toJson(report, arch));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
