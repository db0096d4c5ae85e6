// The harness workers' side of the page protocol: one request at a time, errors as text.
import type { BareLoadRequest, BareLoadResult, BareReply, BareRequest, FimRun, RunTiming } from '../protocol.ts';

export interface Handlers {
  load(request: BareLoadRequest): Promise<BareLoadResult>;
  generate(prompt: string, maxNewTokens: number): Promise<RunTiming>;
  fim?(run: FimRun): Promise<RunTiming>;
}

export function answer(handlers: Handlers): void {
  self.addEventListener('message', (e: MessageEvent<BareRequest>) => {
    const msg = e.data;
    const work =
      msg.op === 'load'
        ? handlers.load(msg.request)
        : msg.op === 'generate'
          ? handlers.generate(msg.prompt, msg.maxNewTokens)
          : handlers.fim
            ? handlers.fim(msg.run)
            : Promise.reject(new Error('this harness has no FIM'));
    work.then(
      (value) => self.postMessage({ id: msg.id, ok: true, value } satisfies BareReply),
      (err: unknown) => self.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies BareReply),
    );
  });
}

/** The ORT files the app serves (same content, so the same hashed asset), as absolute URLs. */
export function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}
