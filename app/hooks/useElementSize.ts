import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface Size { readonly width: number; readonly height: number }

/** The content-box size of an element, kept current with a ResizeObserver (visx's ParentSize). */
export function useElementSize<T extends HTMLElement>(): [RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    const box = element.getBoundingClientRect();
    update(Math.floor(box.width), Math.floor(box.height));
    const observer = new ResizeObserver(([entry]) => update(Math.floor(entry.contentRect.width), Math.floor(entry.contentRect.height)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
