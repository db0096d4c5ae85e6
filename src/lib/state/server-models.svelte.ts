// The model panel's list of what a server serves (`GET /models`): a newer request's answer wins,
// a failure is explained as the engine's errors are.
import { errorText } from '../i18n/engine-error.ts';
import type { Text } from '../i18n/text.ts';

export class ServerModels {
  names = $state.raw<string[]>([]);
  error = $state.raw<Text | null>(null);
  busy = $state(false);
  private id = 0;

  constructor(
    private readonly key: () => string | null,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async refresh(endpoint: string): Promise<void> {
    const id = ++this.id;
    this.busy = true;
    this.error = null;
    const key = this.key();
    // The server code loads with the first use of a server.
    const [{ RemoteError }, { serverError }, { listModels }, { modelsRequest }] = await Promise.all([import('../remote/client.ts'), import('../remote/errors.ts'), import('../remote/models.ts'), import('../remote/requests.ts')]);
    try {
      const names = await listModels(modelsRequest({ base: endpoint, ...(key ? { key } : {}) }), AbortSignal.timeout(15_000), this.fetcher);
      if (id === this.id) this.names = names;
    } catch (err) {
      if (id !== this.id) return;
      this.names = [];
      this.error = errorText(err instanceof RemoteError ? serverError(err, { endpoint, model: '', route: '/models', modelKnown: true }) : err);
    } finally {
      if (id === this.id) this.busy = false;
    }
  }
}
