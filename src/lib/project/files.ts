// Files of the small project in the editor: path rules and languages. Pure.
import { languageFromPath } from '../../contract/prompts/languages.ts';

export interface ProjectFile {
  path: string;
  text: string;
}

/** Monaco's language id for a file; one table serves the editor and the FIM prompt. */
export function languageOf(path: string): string {
  return languageFromPath(path).id;
}

/** Why a path cannot be used, or null when it can. */
export function pathProblem(path: string, existing: readonly string[], self?: string): string | null {
  const p = path.trim();
  if (!p) return 'A file needs a name.';
  if (p.length > 200) return 'That name is too long.';
  if (p.startsWith('/') || p.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    return 'Use a relative path like src/util.py, without "..".';
  }
  if (/[\\:*?"<>|]/.test(p) || [...p].some((c) => c.charCodeAt(0) < 32)) return 'That name has characters files cannot have.';
  if (p !== self && existing.includes(p)) return `${p} already exists.`;
  return null;
}

/** A fresh name like untitled-2.py that is not taken. */
export function freshPath(existing: readonly string[], ext = 'py'): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `untitled.${ext}` : `untitled-${i}.${ext}`;
    if (!existing.includes(name)) return name;
  }
}
