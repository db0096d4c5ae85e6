// The ghost-text request shape a server likely takes, from its address alone: apart from the
// request builders, so the page's first load does not carry them.
import type { FimShape } from '../../contract/sets.ts';

/** DeepSeek's API, Ollama's port, else the raw PSM prompt (any server takes it). */
export function guessFimShape(base: string): FimShape {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return 'raw';
  }
  if (url.hostname === 'api.deepseek.com') return 'deepseek-beta';
  if (url.port === '11434') return 'ollama-raw';
  return 'raw';
}
