import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, for the notice: "This panel", "The lab". */
  readonly what: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/**
 * A failure inside one part of the page (a chunk that could not load, a chart that threw) stays
 * there: the notice says what happened and offers a reload, and the rest of the lab keeps working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for whoever opens the console; the page itself already says what happened.
    console.warn(`${this.props.what} failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = /dynamically imported module|Failed to fetch|Loading chunk/i.test(error.message);
    return (
      <div role="alert" className="notice danger lab-panel">
        <div className="notice-body">
          <h2>{this.props.what} could not be shown</h2>
          <p>{chunk ? 'Part of the app could not be loaded (the connection dropped, or a newer version was published).' : error.message}</p>
        </div>
        <button type="button" className="button" onClick={() => window.location.reload()}>Reload</button>
      </div>
    );
  }
}
