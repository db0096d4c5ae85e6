// The fixture models over HTTP for tests that run the engine in Node, with a fresh transformers.js
// file cache, so every first load goes over the network as a first visit does in the browser.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { serve } from '../../scripts/serve.ts';

export const MODELS = path.resolve('e2e/.models');

export async function serveFixtures(port: number): Promise<{ host: string; close: () => Promise<void> }> {
  env.cacheDir = mkdtempSync(path.join(tmpdir(), 'seekpad-cache-'));
  if (!existsSync(path.join(MODELS, 'seekpad/tiny-deepseek-coder'))) throw new Error('Run `npm run fixtures` first.');
  const server = await serve({ root: 'dist', port, models: MODELS, modelsPort: port + 1 });
  return { host: `http://127.0.0.1:${port + 1}/`, close: server.close };
}
