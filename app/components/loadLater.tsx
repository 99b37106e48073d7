import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

/**
 * A component whose code arrives later (a chunk fetched with import()), shown as `fallback` until
 * then. Unlike React.lazy with Suspense, the switch to the real component is an ordinary state
 * update, and React renders that in one go: Suspense retries render in an interruptible lane that
 * never expires, so while training sends a snapshot every frame on a slow or busy machine, a
 * Suspense boundary can stay on "Loading…" as long as the run goes on (seen: still loading 27 s
 * into a run at 6x CPU throttling, and ~15 s in CI; not reproducible on demand). A failed load is
 * thrown during render, for the nearest ErrorBoundary to report.
 */
export function loadLater<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P & { readonly fallback: ReactNode }> {
  let loaded: ComponentType<P> | undefined;
  let failed: { readonly error: unknown } | undefined;
  let pending: Promise<void> | undefined;
  const start = () => (pending ??= load().then((c) => { loaded = c; }, (error: unknown) => { failed = { error }; }));

  function Later(props: P & { readonly fallback: ReactNode }) {
    const [, settle] = useState(0);
    useEffect(() => {
      if (loaded || failed) return;
      let live = true;
      void start().then(() => { if (live) settle((n) => n + 1); });
      return () => { live = false; };
    }, []);
    if (failed) throw failed.error;
    const { fallback, ...rest } = props;
    if (!loaded) return fallback;
    const Loaded = loaded;
    return <Loaded {...(rest as P)} />;
  }
  return Later;
}
