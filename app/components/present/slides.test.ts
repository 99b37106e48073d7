import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/contract/config.ts';
import { joinQueries, PANEL_IDS, splitViewQuery } from '../../url/viewQuery.ts';
import { nextSlide, slidesOf } from './slides.ts';

describe('the slide view', () => {
  it('steps through the open lab’s panels in page order, clamped at the ends', () => {
    const slides = slidesOf('init', parseQuery('').config);
    expect(slides.map((p) => p.id)).toEqual(['signal', 'formula', 'comparison', 'gradient', 'chaos', 'correlation', 'distributions']);
    expect(nextSlide(slides, 'signal', 1)?.id).toBe('formula');
    expect(nextSlide(slides, 'signal', -1)?.id).toBe('signal');
    expect(nextSlide(slides, 'distributions', 1)?.id).toBe('distributions');
    expect(nextSlide(slides, 'curves', 1)?.id).toBe('signal'); // not a slide of this lab: the first
    expect(nextSlide([], 'signal', 1)).toBeNull();
  });

  it('shows only the panels the config shows: no training charts without a data set', () => {
    expect(slidesOf('training', parseQuery('data=spiral').config).map((p) => p.id)[0]).toBe('curves');
    expect(slidesOf('training', parseQuery('').config).map((p) => p.id)).not.toContain('curves');
  });

  it('is in the link as slide=<panel>, and a bad one is named', () => {
    const { view, problems } = splitViewQuery('depth=4&slide=gradient');
    expect(view.slide).toBe('gradient');
    expect(problems).toEqual([]);
    expect(joinQueries('depth=4', view)).toBe('depth=4&slide=gradient');
    const bad = splitViewQuery('slide=training');
    expect(bad.view.slide).toBeUndefined();
    // Every panel but the training bar is a slide (a new lab's panels add to the count).
    const slides = PANEL_IDS.length - 1;
    expect(bad.problems.map((p) => p.message)).toEqual([`slide=training is not a panel id (such as curves, data, layers, signal; ${slides} in all); showing the whole page`]);
  });
});
