import { describe, expect, it } from 'vitest';
import { HostConsent, isLoopbackHost } from './consent.svelte.ts';

describe('host consent', () => {
  it('trusts only loopback hosts unasked among query hosts', () => {
    expect(isLoopbackHost('http://127.0.0.1:4174/')).toBe(true);
    expect(isLoopbackHost('http://localhost:8080/models/')).toBe(true);
    expect(isLoopbackHost('http://[::1]:1/')).toBe(true);
    expect(isLoopbackHost('https://127.0.0.1.evil.example/')).toBe(false);
    expect(isLoopbackHost('https://mirror.example.org/')).toBe(false);
    expect(isLoopbackHost('not a url')).toBe(false);
    expect(isLoopbackHost(undefined)).toBe(false);
  });

  it('asks about any other host, and remembers a yes', async () => {
    const consent = new HostConsent(null, []);
    expect(await consent.allow(undefined)).toBe(true);
    const asked = consent.allow('https://mirror.example.org/m/');
    expect(consent.pending).toBe('https://mirror.example.org');
    consent.answer(true);
    expect(await asked).toBe(true);
    expect(await consent.allow('https://mirror.example.org/other/')).toBe(true);
    const again = consent.allow('https://evil.example/');
    consent.answer(false);
    expect(await again).toBe(false);
    expect(consent.declined).toBe('https://evil.example');
  });
});

describe('approvedMirror', () => {
  it('a mirror approved before (or the URL\'s own local one) may be asked for its files; the Hub and unknown hosts not', async () => {
    const c = new HostConsent(null, ['http://127.0.0.1:4174/']);
    expect(c.approvedMirror('http://127.0.0.1:4174/')).toBe(true);
    expect(c.approvedMirror('http://127.0.0.1:9999/')).toBe(false);
    expect(c.approvedMirror('https://huggingface.co/')).toBe(false);
    expect(c.approvedMirror(undefined)).toBe(false);
  });
});
