import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once every `ms` (the latest value always arrives, at most `ms`
 * late). Snapshots come up to 60 times a second while training runs; a chart of the current batch
 * that redraws 4 times a second reads the same and leaves the main thread to the rest of the page.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = last.current + ms - performance.now();
    const show = () => {
      last.current = performance.now();
      setShown(() => value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const id = setTimeout(show, wait);
    return () => clearTimeout(id);
  }, [value, shown, ms]);
  return shown;
}
