// Pure helpers for the Python sandbox worker, apart so they unit-test in Node.

/** Globals that reach the network or other contexts; gone from the worker once Pyodide is in. */
export const NETWORK_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'FontFace',
  'fonts',
  'caches',
  'indexedDB',
] as const;

/**
 * Removes NETWORK_GLOBALS from `scope` (own or inherited properties). Returns the names that
 * could not be removed.
 */
export function cutNetwork(scope: Record<string, unknown>): string[] {
  const left: string[] = [];
  for (const name of NETWORK_GLOBALS) {
    if (!(name in scope)) continue;
    try {
      Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
    } catch {
      // Not configurable: try plain assignment.
      try {
        scope[name] = undefined;
      } catch {
        /* reported below */
      }
    }
    if (scope[name] !== undefined) left.push(name);
  }
  return left;
}

/**
 * Unlinks the Function constructors (`f.constructor`), the path from any JS object Python holds
 * (`to_js([]).constructor.constructor`) to compiling new JS, which could still call import().
 */
export function cutFunctionConstructors(): void {
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const f of kinds) {
    Object.defineProperty(Object.getPrototypeOf(f) as object, 'constructor', { value: undefined, configurable: false, writable: false });
  }
}

/** Collects a stream's bytes as text up to a cap; the rest is counted, not kept. */
export class OutputSink {
  private chunks: string[] = [];
  private size = 0;
  private max = Infinity;
  truncated = false;
  private readonly decoder = new TextDecoder();

  reset(maxChars: number): void {
    this.chunks = [];
    this.size = 0;
    this.max = maxChars;
    this.truncated = false;
  }

  /** A Pyodide `write` handler: always takes the whole buffer. */
  write(buf: Uint8Array): number {
    if (this.size >= this.max) {
      this.truncated = true;
      return buf.length;
    }
    const text = this.decoder.decode(buf, { stream: true });
    const room = this.max - this.size;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept.length < text.length) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
    return buf.length;
  }

  text(): string {
    return this.chunks.join('') + (this.truncated ? '\n[output cut]' : '');
  }
}

/**
 * The part of a Pyodide traceback that concerns the program: Pyodide's own frames (its
 * eval_code machinery) are dropped, the "Traceback" header and the program's frames kept.
 */
export function programTraceback(message: string): string {
  const lines = message.replace(/\n+$/, '').split('\n');
  const first = lines.findIndex((l) => l.includes('File "<program>"'));
  if (first < 0) return lines.join('\n');
  return ['Traceback (most recent call last):', ...lines.slice(first)].join('\n');
}
