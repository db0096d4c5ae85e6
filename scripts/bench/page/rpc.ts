// The harness workers' side of the page protocol: one request at a time, errors as text.
import type { BareLoadRequest, BareLoadResult, BareReply, BareRequest, FimRun, PassCostRequest, PassCostResult, RunTiming } from '../protocol.ts';

export interface Handlers {
  load(request: BareLoadRequest): Promise<BareLoadResult>;
  generate(prompt: string, maxNewTokens: number, drafts?: boolean): Promise<RunTiming>;
  fim?(run: FimRun): Promise<RunTiming>;
  passCost?(request: PassCostRequest): Promise<PassCostResult>;
}

function dispatch(handlers: Handlers, msg: BareRequest): Promise<BareLoadResult | RunTiming | PassCostResult> {
  switch (msg.op) {
    case 'load':
      return handlers.load(msg.request);
    case 'generate':
      return handlers.generate(msg.prompt, msg.maxNewTokens, msg.drafts);
    case 'fim':
      return handlers.fim ? handlers.fim(msg.run) : Promise.reject(new Error('this harness has no FIM'));
    case 'passCost':
      return handlers.passCost ? handlers.passCost(msg.request) : Promise.reject(new Error('this harness measures no pass cost'));
  }
}

export function answer(handlers: Handlers): void {
  self.addEventListener('message', (e: MessageEvent<BareRequest>) => {
    const msg = e.data;
    dispatch(handlers, msg).then(
      (value) => self.postMessage({ id: msg.id, ok: true, value } satisfies BareReply),
      (err: unknown) => self.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies BareReply),
    );
  });
}

/** The ORT files the app serves (same content, so the same hashed asset), as absolute URLs. */
export function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}
