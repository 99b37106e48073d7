import { useEffect, useRef, useState, type ReactNode } from 'react';

/** The nearest ancestor that scrolls (the content column), else null: the viewport. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(p).overflowY)) return p;
  }
  return null;
}

/**
 * Render children once the placeholder comes within a screen of what is visible of its scrolling
 * column (then for good), so code below the fold loads when someone scrolls towards it. Without
 * IntersectionObserver: at once.
 */
export function WhenNear({ placeholder, children }: { readonly placeholder: ReactNode; readonly children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { root: scrollParent(el), rootMargin: '100% 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  if (near) return children;
  return <div ref={ref} className="when-near">{placeholder}</div>;
}
