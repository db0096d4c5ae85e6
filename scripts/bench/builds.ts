// What the bench serves, on one origin: the app's build (dist/, `npm run build`), then the bench's
// own harness page and its workers (dist-bench/, `npm run build:bench`: vite.bench.config.ts) for
// the paths dist/ lacks. The harness keeps the URLs it would have beside the app on one host.
// Also what a report records of the checkout and the browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchBuilds {
  app: string;
  harness: string;
}

export function benchBuilds(root = REPO): BenchBuilds {
  return { app: path.join(root, 'dist'), harness: path.join(root, 'dist-bench') };
}

/** Why the bench cannot start, or null when both builds are there. */
export function missingBuild(b: BenchBuilds): string | null {
  if (!fs.existsSync(path.join(b.app, 'index.html'))) return 'dist/ is missing: run `npm run build` first.';
  if (!fs.existsSync(path.join(b.harness, 'bench', 'index.html'))) return 'dist-bench/ has no harness page: run `npm run build:bench` first.';
  return null;
}

/** The checkout's commit when the bench ran ("-dirty" with uncommitted changes), for the report. */
export function checkoutCommit(root = REPO): string {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '-dirty' : ''}`;
  } catch {
    return '';
  }
}

/** Chromium's version from its binary, for reports whose sections keep no browser open. */
export function chromiumVersion(binary: string): string {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    return /\d+(\.\d+){3}/.exec(out)?.[0] ?? '';
  } catch {
    return '';
  }
}
