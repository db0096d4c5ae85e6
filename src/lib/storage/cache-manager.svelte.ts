// Runes state for the model cache manager: the cached models, storage use and persistence.
import {
  deleteCachedModel,
  listCachedModels,
  quotaAdvice,
  requestPersistence,
  storageInfo,
  type CachedModel,
  type StorageInfo,
} from './model-cache.ts';
import { thrownText, type Text } from '../i18n/text.ts';

export class CacheManagerState {
  models = $state.raw<CachedModel[]>([]);
  info = $state.raw<StorageInfo>({ usage: null, quota: null, persisted: null });
  persistMessage = $state.raw<Text | null>(null);
  error = $state.raw<Text | null>(null);
  busy = $state(false);
  readonly available: boolean;

  constructor(
    private readonly caches: CacheStorage | undefined = globalThis.caches,
    private readonly storage: StorageManager | undefined = globalThis.navigator?.storage,
  ) {
    // The Cache API exists only in secure contexts (https, localhost).
    this.available = caches !== undefined;
  }

  advice(locale: string): Text | null {
    return quotaAdvice(this.info, this.models, locale);
  }

  async refresh(): Promise<void> {
    if (!this.caches) return;
    try {
      const [models, info] = await Promise.all([listCachedModels(this.caches), storageInfo(this.storage)]);
      this.models = models;
      this.info = info;
      this.error = null;
    } catch (err) {
      this.error = { key: 'cache_read_failed', params: { error: thrownText(err) } };
    }
  }

  async remove(model: CachedModel): Promise<void> {
    if (!this.caches) return;
    this.busy = true;
    try {
      await deleteCachedModel(this.caches, model);
    } catch (err) {
      this.error = { key: 'cache_delete_failed', params: { model: model.id, error: thrownText(err) } };
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  async persist(): Promise<void> {
    const result = await requestPersistence(this.storage);
    this.persistMessage = result.message;
    await this.refresh();
  }
}
