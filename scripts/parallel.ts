// `tsx scripts/parallel.ts [--stream] a b c`: runs the npm scripts a, b and c side by side (checks
// that do not depend on each other, so `npm test` waits for the slowest, not their sum) and prints
// each one's output whole when it ends, or with --stream line by line as "[name] line" (long runs
// that must show progress). Exits non-zero if any failed.
import { spawn } from 'node:child_process';

const stream = process.argv[2] === '--stream';

/** Writes each whole line with the job's name before it; keeps a partial line for the next chunk. */
function lineWriter(name: string): { write(b: Buffer): void; end(): void } {
  let rest = '';
  return {
    write(b) {
      const lines = (rest + b.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) process.stdout.write(`[${name}] ${l}\n`);
    },
    end() {
      if (rest) process.stdout.write(`[${name}] ${rest}\n`);
    },
  };
}

function run(name: string): Promise<{ name: string; code: number; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const lines = lineWriter(name);
    const take = (b: Buffer): void => (stream ? lines.write(b) : void out.push(b));
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      lines.end();
      const took = ((Date.now() - t0) / 1000).toFixed(0);
      process.stdout.write(stream ? `== ${name} ended (${took} s, exit ${code})\n` : `\n== ${name} (${took} s)\n${Buffer.concat(out).toString()}`);
      resolve({ name, code: code ?? 1, ms: Date.now() - t0 });
    });
  });
}

const names = process.argv.slice(stream ? 3 : 2);
if (names.length === 0) throw new Error('usage: tsx scripts/parallel.ts <npm script>...');
const results = await Promise.all(names.map(run));
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
