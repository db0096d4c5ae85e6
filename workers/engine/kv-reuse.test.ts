import { describe, expect, it } from 'vitest';
import { commonPrefixLength, planReuse } from './kv-reuse.ts';

describe('planReuse', () => {
  const cached = [1, 2, 3, 4, 5, 6, 7, 8];
  it('keeps the whole cache when the prompt extends it', () => {
    expect(planReuse(cached, [...cached, 9, 10], false)).toBe(8);
  });
  it('leaves one token to compute when the prompt equals the cached ids', () => {
    expect(planReuse(cached, cached, true)).toBe(7);
    expect(planReuse(cached, cached, false)).toBe(0);
  });
  it('crops to the shared prefix when the prompt diverges, if cropping is possible', () => {
    expect(planReuse(cached, [1, 2, 3, 4, 5, 99, 7], true)).toBe(5);
    expect(planReuse(cached, [1, 2, 3, 4, 5, 99, 7], false)).toBe(0);
  });
  it('does not bother below the minimum', () => {
    expect(planReuse(cached, [1, 2, 3, 99], true)).toBe(0);
    expect(planReuse([], [1, 2, 3, 4, 5], true)).toBe(0);
  });
  it('counts the common prefix', () => {
    expect(commonPrefixLength([1, 2, 3], [1, 2, 4])).toBe(2);
    expect(commonPrefixLength([], [1])).toBe(0);
  });
});
