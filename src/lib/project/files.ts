// Files of the small project in the editor: path rules and languages. Pure.
import { languageFromPath } from '../../contract/prompts/languages.ts';
import type { Text } from '../i18n/text.ts';

export interface ProjectFile {
  path: string;
  text: string;
}

/** Monaco's language id for a file; one table serves the editor and the FIM prompt. */
export function languageOf(path: string): string {
  return languageFromPath(path).id;
}

/** Why a path cannot be used, or null when it can. */
export function pathProblem(path: string, existing: readonly string[], self?: string): Text | null {
  const p = path.trim();
  if (!p) return { key: 'path_empty' };
  if (p.length > 200) return { key: 'path_too_long' };
  if (p.startsWith('/') || p.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    return { key: 'path_relative' };
  }
  if (/[\\:*?"<>|]/.test(p) || [...p].some((c) => c.charCodeAt(0) < 32)) return { key: 'path_characters' };
  if (p !== self && existing.includes(p)) return { key: 'path_exists', params: { path: p } };
  return null;
}

/** A fresh name like untitled-2.py that is not taken. */
export function freshPath(existing: readonly string[], ext = 'py'): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `untitled.${ext}` : `untitled-${i}.${ext}`;
    if (!existing.includes(name)) return name;
  }
}
