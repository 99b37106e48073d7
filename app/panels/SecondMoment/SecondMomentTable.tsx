import { formatReading, type Reading } from '../../format/number.ts';
import type { LayerRow } from './layerRows.ts';

export interface SecondMomentTableProps {
  readonly id: string;
  readonly rows: readonly LayerRow[];
  readonly hidden: boolean;
}

/** The numbers behind the chart, plus the gradient's, one row per hidden layer. */
export function SecondMomentTable({ id, rows, hidden }: SecondMomentTableProps) {
  return (
    <div className="table-scroll" id={id} hidden={hidden}>
      <table className="numbers">
        <caption>Second moment by layer: pre-activations h and their gradients g = ∂L/∂h</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>Layer</th>
            <th scope="colgroup" colSpan={2}>Pre-activation E[h²]</th>
            <th scope="colgroup" colSpan={2}>Gradient E[g²]</th>
          </tr>
          <tr>
            <th scope="col">measured E[h²]</th>
            <th scope="col">theory E[h²]</th>
            <th scope="col">measured E[g²]</th>
            <th scope="col">theory E[g²]</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.layer}>
              <th scope="row">{r.layer}</th>
              <ReadingCell reading={r.preM2} />
              <ReadingCell reading={r.theoryPreM2} />
              <ReadingCell reading={r.gradM2} />
              <ReadingCell reading={r.theoryGradM2} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReadingCell({ reading }: { reading: Reading }) {
  return <td className={`num ${reading.kind}`}>{formatReading(reading)}</td>;
}
