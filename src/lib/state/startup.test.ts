import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../contract/engine-api.ts';
import { parseModelQuery } from '../models/query.ts';
import { GenerationSettings } from './settings.svelte.ts';
import { ProjectState } from './project.svelte.ts';
import { Startup } from './startup.svelte.ts';
import { Workspace } from './workspace.svelte.ts';

/** The real Workspace and query parser; the engine, consent and link session are recorded. */
function setup(search: string, opts: { restored?: { model: string }; allow?: boolean; reaches?: boolean; resumed?: 'load' | 'list' } = {}) {
  const query = parseModelQuery(search);
  const workspace = new Workspace(new ProjectState(), new GenerationSettings(), query.choice);
  const log: string[] = [];
  const loads: ModelSpec[] = [];
  const plans: { spec: ModelSpec; network: boolean }[] = [];
  const engine = {
    phase: 'idle' as const,
    plan: null,
    probe: async () => void log.push('probe'),
    load: async (spec: ModelSpec) => void loads.push(spec),
    planFor: async (spec: ModelSpec | null, network = false) => void (spec && plans.push({ spec, network })),
  };
  const consent = {
    allow: async (host: string | undefined, kind = 'host') => (log.push(`ask ${kind} ${host ?? 'hub'}`), opts.allow ?? true),
    approvedMirror: (host: string | undefined) => host === 'http://127.0.0.1:4174/',
  };
  const session = {
    boot: async (after: (restored: boolean) => void) => {
      // A restored autosave or link sets the picker before the address is considered.
      if (opts.restored) workspace.choice = { ...workspace.choice, ...opts.restored };
      log.push('restore');
      after(opts.restored !== undefined);
    },
  };
  const completionModel = { mainChanged: () => void log.push('main changed') };
  // csp.js lets the page reach an approved server only after a reload.
  const reach = {
    resumed: opts.resumed ?? null,
    reloadFor: (url: string, step: 'load' | 'list') => (opts.reaches === false && !opts.resumed ? (log.push(`reload for ${step} at ${url}`), true) : false),
  };
  const startup = new Startup({ query, engine, workspace, consent, session, completionModel, reach });
  return { startup, workspace, log, loads, plans };
}

describe('Startup.boot', () => {
  it('keeps a restored choice unless the address names a model, then autoloads', async () => {
    const kept = setup('', { restored: { model: 'deepseek-r1-distill-qwen-1.5b' } });
    await kept.startup.boot();
    expect(kept.workspace.choice.model).toBe('deepseek-r1-distill-qwen-1.5b');
    expect(kept.loads).toEqual([]);

    const named = setup('?model=seekpad/tiny-deepseek-coder&host=http://127.0.0.1:4174&autoload', { restored: { model: 'deepseek-r1-distill-qwen-1.5b' } });
    await named.startup.boot();
    expect(named.workspace.choice.model).toBe('seekpad/tiny-deepseek-coder');
    expect(named.log).toEqual(['probe', 'restore', 'ask host http://127.0.0.1:4174/', 'main changed']);
    expect(named.loads.map((s) => [s.id, s.host])).toEqual([['seekpad/tiny-deepseek-coder', 'http://127.0.0.1:4174/']]);
  });
});

describe('Startup.load', () => {
  it('loads nothing and keeps the prompt format when the host is refused', async () => {
    const t = setup('?model=deepseek-r1-distill-qwen-1.5b&host=https://mirror.example/', { allow: false });
    expect(await t.startup.load()).toBe(false);
    expect(t.loads).toEqual([]);
    expect(t.workspace.modelLoaded).toBe(false);
    expect(t.startup.loadedChoice).toBeNull();
  });

  it("switches the prompt format to the loaded model's and passes the address's load options", async () => {
    const t = setup('?stall=5&convert=off');
    t.workspace.choice = { model: 'deepseek-r1-distill-qwen-1.5b', device: 'wasm', dtype: 'auto' };
    expect(await t.startup.load()).toBe(true);
    expect(t.workspace.loadedFamily).toBe('r1-distill-qwen');
    expect(t.workspace.modelLoaded).toBe(true);
    expect(t.loads[0]).toMatchObject({ id: 'onnx-community/DeepSeek-R1-Distill-Qwen-1.5B-ONNX', device: 'wasm', stallTimeoutMs: 5000, convert: false });
    expect(t.log).toContain('main changed');
  });

  it('a link to a model server: asked as a server, one reload to reach it, then the load goes on', async () => {
    const search = '?endpoint=http://10.0.0.7:8000/v1&model=deepseek-coder:6.7b&fim=llamacpp-infill';
    const first = setup(search, { reaches: false });
    expect(await first.startup.load()).toBe(false);
    expect(first.log).toEqual(['ask server http://10.0.0.7:8000/v1', 'reload for load at http://10.0.0.7:8000/v1']);
    expect(first.loads).toEqual([]);

    const after = setup(search, { reaches: false, resumed: 'load' });
    await after.startup.boot();
    expect(after.loads).toEqual([{ id: 'deepseek-coder:6.7b', server: { endpoint: 'http://10.0.0.7:8000/v1', fimShape: 'llamacpp-infill' } }]);
    expect(after.workspace.loadedFamily).toBe('deepseek-coder');
  });

  it('asks a mirror for its files only once it is approved', async () => {
    const t = setup('');
    await t.startup.plan({ model: 'a/b', host: 'https://mirror.example/' });
    await t.startup.plan({ model: 'a/b', host: 'http://127.0.0.1:4174/' });
    expect(t.plans.map((p) => p.network)).toEqual([false, true]);
  });
});
