// Python programs in Pyodide, one per call in a fresh namespace, output capped. The worker shell
// (sandbox.worker.ts) loads it and cuts the worker's network; Node tests run the same class.
import type { PyodideAPI, loadPyodide as LoadPyodide } from 'pyodide';
import type { SandboxRunResult } from '../../src/contract/sandbox-api.ts';
import { OutputSink, programTraceback } from './support.ts';

export class PythonSandbox {
  private readonly stdout = new OutputSink();
  private readonly stderr = new OutputSink();

  private constructor(private readonly py: PyodideAPI) {
    py.setStdout({ write: (buf: Uint8Array) => this.stdout.write(buf) });
    py.setStderr({ write: (buf: Uint8Array) => this.stderr.write(buf) });
  }

  /** `indexURL`: the folder holding Pyodide's files (the app's own copy, never a CDN). */
  static async load(loadPyodide: typeof LoadPyodide, indexURL: string): Promise<PythonSandbox> {
    const py = await loadPyodide({
      indexURL,
      // `import js` sees only this: no fetch, no eval, no way back to the worker's globals.
      jsglobals: Object.create(null) as object,
      stdout: () => {},
      stderr: () => {},
    });
    return new PythonSandbox(py);
  }

  get version(): string {
    return String(this.py.runPython('import sys; sys.version.split()[0]'));
  }

  run(id: number, code: string, maxChars: number): SandboxRunResult {
    this.stdout.reset(maxChars);
    this.stderr.reset(maxChars);
    // A fresh namespace per program, as DeepSeek-Math's evaluation runs each block on its own.
    const globals = this.py.toPy({ __name__: '__main__' });
    const t0 = performance.now();
    let error: string | null = null;
    try {
      this.py.runPython(code, { globals, filename: '<program>' });
    } catch (err) {
      error = programTraceback(err instanceof Error ? err.message : String(err));
    } finally {
      globals.destroy();
    }
    return {
      type: 'result',
      id,
      ok: error === null,
      stdout: this.stdout.text(),
      stderr: this.stderr.text(),
      error,
      durationMs: performance.now() - t0,
      truncated: this.stdout.truncated || this.stderr.truncated,
    };
  }
}
