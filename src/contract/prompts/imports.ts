// Which of the project's files the current file imports, so that the prompt can put
// them first (DeepSeek-Coder saw dependencies before their dependents in training).
// Regex-level detection: good enough to order context, not a parser.
import { languageInfo } from './languages.ts';

/** Forward slashes, no leading "./" or "/", "." and ".." segments resolved. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function join(dir: string, rel: string): string {
  return normalizePath(dir ? `${dir}/${rel}` : rel);
}

/** The file's directory and each directory above it, nearest first, ending with the root (''). */
function ancestors(path: string): string[] {
  const dirs: string[] = [];
  let d = dirname(path);
  while (d) {
    dirs.push(d);
    d = dirname(d);
  }
  dirs.push('');
  return dirs;
}

const PY_IMPORT = /^[ \t]*import[ \t]+([\w. \t,]+)/gm;
const PY_FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)/gm;

type Found = { at: number; groups: string[][] };

/** Where a dotted Python module may live: relative imports from the file's package, absolute from any directory above it. */
function pythonBases(from: string, module: string): { bases: string[]; rest: string } {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split('.').filter(Boolean).join('/');
  if (dots === 0) return { bases: ancestors(from), rest };
  let d = dirname(from);
  for (let i = 1; i < dots; i++) d = dirname(d);
  return { bases: [d], rest };
}

function moduleFiles(bases: string[], rest: string): string[] {
  return bases.flatMap((b) => [join(b, `${rest}.py`), join(b, `${rest}/__init__.py`)]);
}

function pythonImports(from: string, text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(PY_IMPORT)) {
    for (const part of m[1].split(',')) {
      const mod = part.trim().split(/\s+/)[0];
      if (!mod) continue;
      const { bases, rest } = pythonBases(from, mod);
      found.push({ at: m.index, groups: [moduleFiles(bases, rest)] });
    }
  }
  for (const m of text.matchAll(PY_FROM)) {
    const { bases, rest } = pythonBases(from, m[1]);
    const groups = rest ? [moduleFiles(bases, rest)] : [];
    // `from pkg import a, b` may name submodules pkg/a.py and pkg/b.py.
    for (const part of m[2].replace(/[()]/g, ' ').split(',')) {
      const name = part.trim().split(/\s+/)[0];
      if (/^\w+$/.test(name)) groups.push(moduleFiles(bases, rest ? `${rest}/${name}` : name));
    }
    found.push({ at: m.index, groups });
  }
  return found;
}

// `import x from '…'`, `import '…'`, `import type {…} from '…'`, `export … from '…'`,
// `require('…')`, `import('…')`, and C's `#include "…"`.
const JS_SPECIFIERS = [
  /\bimport\s+(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s+from\s+['"]([^'"\n]+)['"]/g,
  /\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];
const C_INCLUDE = /^[ \t]*#[ \t]*include[ \t]+"([^"\n]+)"/gm;

const JS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs', '.svelte', '.vue', '.json'];
// TypeScript sources import their siblings by the emitted name: './x.js' means x.ts.
const TS_FOR_JS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function jsCandidates(from: string, spec: string): string[] {
  if (!spec.startsWith('.')) return []; // packages are not project files
  const p = join(dirname(from), spec);
  const out = [p];
  const ext = /\.[cm]?jsx?$/.exec(p)?.[0];
  if (ext) for (const t of TS_FOR_JS[ext]) out.push(p.slice(0, -ext.length) + t);
  for (const e of JS_EXTS) out.push(p + e);
  for (const e of JS_EXTS) out.push(`${p}/index${e}`);
  return out;
}

function jsImports(from: string, text: string): Found[] {
  const found: Found[] = [];
  for (const re of JS_SPECIFIERS) {
    for (const m of text.matchAll(re)) found.push({ at: m.index, groups: [jsCandidates(from, m[1])] });
  }
  for (const m of text.matchAll(C_INCLUDE)) {
    found.push({ at: m.index, groups: [[join(dirname(from), m[1]), normalizePath(m[1])]] });
  }
  return found;
}

/**
 * Paths from `paths` that the file at `currentPath` (contents `text`) imports, in the
 * order the imports appear, each once. Python's `import`/`from … import` and JS/TS
 * `import`/`export … from`/`require`/`import()` (relative specifiers only) are understood.
 * Returned strings are the entries of `paths` as given.
 */
export function importedPaths(currentPath: string, text: string, language: string, paths: readonly string[]): string[] {
  const byNorm = new Map<string, string>();
  for (const p of paths) if (!byNorm.has(normalizePath(p))) byNorm.set(normalizePath(p), p);
  const from = normalizePath(currentPath);
  const found = languageInfo(language).id === 'python' ? pythonImports(from, text) : jsImports(from, text);
  found.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  const seen = new Set<string>([from]);
  for (const { groups } of found) {
    for (const candidates of groups) {
      // The first existing candidate of each group is what the import resolves to.
      const c = candidates.find((p) => byNorm.has(p));
      if (c !== undefined && !seen.has(c)) {
        seen.add(c);
        out.push(byNorm.get(c)!);
      }
    }
  }
  return out;
}
