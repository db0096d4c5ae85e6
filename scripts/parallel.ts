// `tsx scripts/parallel.ts a b c`: runs the npm scripts a, b and c side by side (checks that do
// not depend on each other, so `npm test` waits for the slowest, not their sum) and prints each
// one's output whole when it ends. Exits non-zero if any failed.
import { spawn } from 'node:child_process';

function run(name: string): Promise<{ name: string; code: number; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => out.push(b));
    child.on('close', (code) => {
      process.stdout.write(`\n== ${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n${Buffer.concat(out).toString()}`);
      resolve({ name, code: code ?? 1, ms: Date.now() - t0 });
    });
  });
}

const names = process.argv.slice(2);
if (names.length === 0) throw new Error('usage: tsx scripts/parallel.ts <npm script>...');
const results = await Promise.all(names.map(run));
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
