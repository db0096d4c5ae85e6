// Code in chat answers, coloured by Monaco's own tokenizers (no second highlighter in the
// bundle). Monaco is already loaded by the editor when an answer arrives.
import DOMPurify from 'dompurify';
import { loadMonaco } from '../editor/monaco.ts';
import { canonicalLanguage } from './languages.ts';

/** Highlighted HTML for a closed code block, or null when Monaco does not know the language. */
export async function colorizeCode(code: string, lang: string): Promise<string | null> {
  const monaco = await loadMonaco();
  const id = canonicalLanguage(lang || 'plaintext');
  if (!monaco.languages.getLanguages().some((l) => l.id === id)) return null;
  const html = await monaco.editor.colorize(code, id, { tabSize: 4 });
  // Line breaks as text, so the block's text (and a copied selection) keeps its newlines.
  // The answer is the model's text: Monaco escapes it, and nothing but spans may come out.
  return DOMPurify.sanitize(html.replace(/<br\s*\/?>/g, '\n'), { ALLOWED_TAGS: ['span', 'div'], ALLOWED_ATTR: ['class'] });
}
