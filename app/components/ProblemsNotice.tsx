import { useId } from 'react';
import { useLab } from '../store/LabContext.tsx';

/** The most of a link the notice quotes: a 64 KB link would fill the screen. */
const QUOTED = 160;

/** "?depth=abc&zzz=1", or its first QUOTED characters and how long it was. */
function quoteLink(link: string): string {
  return link.length > QUOTED ? `${link.slice(0, QUOTED)}… (${link.length.toLocaleString('en-US')} characters)` : link;
}

/**
 * What was wrong with the link, one line per problem. Messages quote the link's own text, so they
 * are rendered as text nodes only (React escapes them); never as HTML.
 */
export function ProblemsNotice() {
  const problems = useLab((s) => s.problems);
  const opened = useLab((s) => s.openedLink);
  const dismiss = useLab((s) => s.dismissProblems);
  const headingId = useId();
  if (problems.length === 0) return null;
  return (
    <section role="status" aria-labelledby={headingId} className="notice warning">
      <div className="notice-body">
        <h2 id={headingId}>Problems in this link</h2>
        <p>
          {problems.length === 1 ? 'One part of the link' : `${problems.length} parts of the link`} could not be used;
          the experiment runs with the values named below.
        </p>
        <ul>
          {problems.map((p, i) => <li key={i}>{p.message}</li>)}
        </ul>
        {opened !== '' && (
          <p className="opened-link">
            The link as opened: <code>{quoteLink(opened)}</code>. The address bar now holds the link of what is shown: share that one.
          </p>
        )}
      </div>
      <button type="button" className="button quiet" onClick={dismiss} aria-label="Dismiss the link problems">
        Dismiss
      </button>
    </section>
  );
}
