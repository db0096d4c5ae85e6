import { describe, expect, it } from 'vitest';
import { AdaptiveDelay } from './debounce.ts';

describe('AdaptiveDelay', () => {
  it('starts between the bounds', () => {
    const d = new AdaptiveDelay();
    expect(d.current()).toBe(275);
    expect(new AdaptiveDelay(100, 100).current()).toBe(100);
  });

  it('shortens while suggestions are accepted, never below min', () => {
    const d = new AdaptiveDelay(150, 400);
    const before = d.current();
    d.accepted();
    expect(d.current()).toBeLessThan(before);
    for (let i = 0; i < 50; i++) d.accepted();
    expect(d.current()).toBe(150);
  });

  it('lengthens while suggestions are ignored, never above max', () => {
    const d = new AdaptiveDelay(150, 400);
    const before = d.current();
    d.ignored();
    const afterIgnore = d.current();
    expect(afterIgnore).toBeGreaterThan(before);
    d.dismissed();
    expect(d.current()).toBeGreaterThan(afterIgnore);
    for (let i = 0; i < 100; i++) d.ignored();
    expect(d.current()).toBe(400);
  });

  it('a dismissal counts more than an ignored suggestion', () => {
    const a = new AdaptiveDelay();
    const b = new AdaptiveDelay();
    a.dismissed();
    b.ignored();
    expect(a.current()).toBeGreaterThan(b.current());
  });

  it('recovers after acceptances, and resets', () => {
    const d = new AdaptiveDelay(150, 400);
    for (let i = 0; i < 10; i++) d.ignored();
    const high = d.current();
    d.accepted();
    d.accepted();
    expect(d.current()).toBeLessThan(high);
    d.reset();
    expect(d.current()).toBe(275);
  });

  it('rejects bad bounds', () => {
    expect(() => new AdaptiveDelay(400, 150)).toThrow(RangeError);
    expect(() => new AdaptiveDelay(-1, 10)).toThrow(RangeError);
  });
});
