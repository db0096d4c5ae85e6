// Download faults for the fixture model host (scripts/serve.ts), driven by tests over HTTP:
//   POST /__faults {"path": "model.onnx", "kind": "cut", "count": 1}
// applies to the next `count` requests whose path contains `path` (GET only unless `method`;
// never to Range requests, which transformers.js sends to learn a file's size).
import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const FAULT_KINDS = ['cut', '404', '500', 'stall'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** Substring of the request path. */
  path: string;
  kind: FaultKind;
  /** Requests left to fault. */
  count: number;
  method: string;
}

/** A rule from a JSON body, or a message saying what is wrong with it. */
export function parseFault(body: string): FaultRule | string {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  if (typeof v !== 'object' || v === null) return 'body must be an object';
  const r = v as Record<string, unknown>;
  if (typeof r.path !== 'string' || r.path === '') return 'path must be a non-empty string';
  if (!(FAULT_KINDS as readonly unknown[]).includes(r.kind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  const count = r.count === undefined ? 1 : r.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return 'count must be a positive integer';
  const method = r.method === undefined ? 'GET' : r.method;
  if (typeof method !== 'string') return 'method must be a string';
  return { path: r.path, kind: r.kind as FaultKind, count, method: method.toUpperCase() };
}

export class FaultTable {
  private rules: FaultRule[] = [];
  /** Sockets held open by `stall`, closed on reset. */
  private readonly held = new Set<{ destroy(): void }>();

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  reset(): void {
    this.rules = [];
    for (const s of this.held) s.destroy();
    this.held.clear();
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first rule that matches, its count spent by one. */
  take(method: string, url: string): FaultRule | null {
    const rule = this.rules.find((r) => r.method === method && url.includes(r.path));
    if (!rule) return null;
    rule.count--;
    if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }

  hold(socket: { destroy(): void; once(event: 'close', cb: () => void): void }): void {
    this.held.add(socket);
    socket.once('close', () => this.held.delete(socket));
  }
}

/** Answers `req` with the fault instead of `file`. */
export async function applyFault(
  kind: FaultKind,
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
  table: FaultTable,
): Promise<void> {
  if (kind === '404' || kind === '500') {
    res.writeHead(Number(kind), { ...headers, 'Content-Type': 'text/plain' }).end(kind === '404' ? 'not found' : 'injected server error');
    return;
  }
  const size = (await fs.stat(file)).size;
  // Headers promise the whole file either way.
  res.writeHead(200, { ...headers, 'Content-Length': String(size) });
  res.flushHeaders();
  if (kind === 'stall') {
    // Headers, then silence with the socket open, until the client gives up or a reset.
    table.hold(req.socket);
    return;
  }
  // cut: half the bytes, then the connection drops.
  const half = Math.max(1, Math.floor(size / 2));
  const stream = createReadStream(file, { start: 0, end: half - 1 });
  stream.on('data', (chunk) => res.write(chunk));
  stream.on('end', () => setTimeout(() => req.socket.destroy(), 50));
}
