// The gallery's examples as share links: the same codec and validation as any link, so an
// example that would not decode fails its unit test, not a visitor.
import { encode } from '../share/codec.ts';
import { defaultShareState, type ShareState } from '../share/state.ts';
import { CURSOR_MARK, EXAMPLES, type Example, type ExampleId } from './examples.ts';

export function exampleState(e: Example): ShareState {
  const s = defaultShareState();
  s.files = e.files.map((f) => ({ path: f.path, text: f.text.replace(CURSOR_MARK, '') }));
  s.active = s.files[0].path;
  s.choice = { model: e.model };
  s.chat.mode = e.mode;
  const cursor = e.files[0].text.indexOf(CURSOR_MARK);
  s.start = {
    ...(cursor >= 0 ? { cursor } : {}),
    ...(e.draft !== undefined ? { draft: e.draft } : {}),
    ...(e.action ? { action: e.action } : {}),
  };
  return s;
}

/** Every example's link, on `base` (this page's path and query). */
export async function exampleLinks(base: string): Promise<Record<ExampleId, string>> {
  const entries = await Promise.all(EXAMPLES.map(async (e) => [e.id, base + (await encode(exampleState(e)))] as const));
  return Object.fromEntries(entries) as Record<ExampleId, string>;
}
