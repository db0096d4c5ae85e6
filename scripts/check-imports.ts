// The import graph by folder, and its rules: `npm run lint` fails on a folder-level cycle.
// ESLint's no-restricted-imports holds which folder may import which (eslint.config.js); this
// finds the cycles that rule cannot see, such as a -> b -> c -> a across three folders.
// `--graph` prints the graph (the arrows between folders) as well.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SPEC = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url/g;

/** A file's folder as the rules see it: src/lib/state, src/contract/prompts, workers/engine, scripts. */
export function folderOf(file: string): string {
  // Unit tests sit beside their code but belong to the tests' room: they may import fixtures.
  if (file.endsWith('.test.ts')) return 'tests';
  const parts = file.split('/');
  const depth = parts[0] === 'src' ? (parts[1] === 'lib' || parts[1] === 'contract' ? 3 : 2) : parts[0] === 'workers' ? 2 : 1;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/') || '.';
}

export function folderGraph(files: readonly string[], read: (f: string) => string): Map<string, Set<string>> {
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const m of read(file).matchAll(SPEC)) {
      const spec = (m[1] ?? m[2] ?? m[3]).split('?')[0];
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (!known.has(target)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** Every cycle's folders, each cycle once (Tarjan's strongly connected components). */
export function folderCycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function main(): void {
  const files = execSync('git ls-files --cached --others --exclude-standard', { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|svelte)$/.test(f) && !f.endsWith('.d.ts') && existsSync(f));
  const graph = folderGraph(files, (f) => readFileSync(f, 'utf8'));
  if (process.argv.includes('--graph')) {
    for (const [from, tos] of [...graph].sort(([a], [b]) => a.localeCompare(b))) console.log(`${from} -> ${[...tos].sort().join(', ')}`);
  }
  const cycles = folderCycles(graph);
  for (const c of cycles) console.error(`Folder import cycle: ${c.join(' <-> ')}`);
  if (cycles.length) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
