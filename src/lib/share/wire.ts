// ShareState <-> the compact v1 wire object: only what differs from the defaults is written.
import { DEFAULT_MODEL_KEY } from '../models/catalog.ts';
import { clampSettings, DEFAULT_SETTINGS, STARTER_FILES, type SettingsValues } from '../defaults.ts';
import { cleanEndpoint } from '../remote/errors.ts';
import type { Wire } from './schema.ts';
import { defaultShareState, type LinkStart, type ShareState } from './state.ts';

function sameFiles(a: readonly { path: string; text: string }[], b: readonly { path: string; text: string }[]): boolean {
  return a.length === b.length && a.every((f, i) => f.path === b[i].path && f.text === b[i].text);
}

export function toWire(s: ShareState): Wire {
  const w: Wire = {};
  if (!sameFiles(s.files, STARTER_FILES)) w.f = s.files.map((f) => [f.path, f.text] as [string, string]);
  if (s.active !== s.files[0]?.path) w.a = s.active;
  const m: NonNullable<Wire['m']> = {};
  if (s.choice.model && s.choice.model !== DEFAULT_MODEL_KEY) m.id = s.choice.model;
  if (s.choice.host) m.host = s.choice.host;
  if (s.choice.device && s.choice.device !== 'auto') m.device = s.choice.device;
  if (s.choice.dtype && s.choice.dtype !== 'auto') m.dtype = s.choice.dtype;
  if (s.choice.family) m.family = s.choice.family;
  // Links and the autosave never carry credentials an address may hold.
  const ep = cleanEndpoint(s.choice.endpoint ?? '');
  if (ep) m.ep = ep;
  if (s.choice.fimShape) m.fs = s.choice.fimShape;
  if (Object.keys(m).length) w.m = m;
  const st: NonNullable<Wire['s']> = {};
  for (const k of Object.keys(DEFAULT_SETTINGS) as (keyof SettingsValues)[]) {
    if (s.settings[k] !== DEFAULT_SETTINGS[k]) st[k] = s.settings[k];
  }
  if (Object.keys(st).length) w.s = st;
  const c: NonNullable<Wire['c']> = {};
  if (s.chat.mode !== 'chat') c.mode = s.chat.mode;
  if (s.chat.system !== null) c.system = s.chat.system;
  if (s.chat.turns.length) c.turns = s.chat.turns.map((t) => (t.math ? { r: t.role, t: t.content, m: 1 as const } : { r: t.role, t: t.content }));
  if (s.start?.draft !== undefined) c.d = s.start.draft;
  if (s.start?.action) c.x = s.start.action;
  if (Object.keys(c).length) w.c = c;
  if (s.start?.cursor !== undefined) w.k = s.start.cursor;
  if (s.embed) w.e = 1;
  return w;
}

/** A validated wire object merged over the defaults. */
export function fromWire(w: Wire): ShareState {
  const s = defaultShareState();
  if (w.f) s.files = w.f.map(([path, text]) => ({ path, text }));
  s.active = w.a && s.files.some((f) => f.path === w.a) ? w.a : s.files[0].path;
  if (w.m) {
    if (w.m.id) s.choice.model = w.m.id;
    if (w.m.host) s.choice.host = new URL(w.m.host).href;
    if (w.m.device) s.choice.device = w.m.device;
    if (w.m.dtype) s.choice.dtype = w.m.dtype;
    if (w.m.family) s.choice.family = w.m.family;
    if (w.m.ep) s.choice.endpoint = w.m.ep;
    if (w.m.fs) s.choice.fimShape = w.m.fs;
  }
  s.settings = clampSettings({ ...s.settings, ...w.s });
  if (w.c) {
    if (w.c.mode) s.chat.mode = w.c.mode;
    if (w.c.system !== undefined) s.chat.system = w.c.system;
    if (w.c.turns) s.chat.turns = w.c.turns.map((t) => ({ role: t.r, content: t.t, ...(t.m ? { math: true } : {}) }));
  }
  s.embed = w.e === 1;
  const start: LinkStart = {};
  if (w.k !== undefined) start.cursor = w.k;
  if (w.c?.d !== undefined) start.draft = w.c.d;
  if (w.c?.x) start.action = w.c.x;
  if (Object.keys(start).length) s.start = start;
  return s;
}

/** Canonical text of a state, for "is this the same work?" comparisons. */
export function fingerprint(s: ShareState): string {
  // Where a link starts the visitor is not part of the work.
  const { start: _start, ...work } = s;
  return JSON.stringify(toWire({ ...work, embed: false }));
}
