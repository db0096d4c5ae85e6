// Monaco is loaded on first use, never in the entry chunk. Its language workers are bundled by
// Vite and served by the app.
import type * as Monaco from 'monaco-editor';
import { registerLean } from './lean.ts';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | null = null;

/** Monaco's CancellationError: name and message are both "Canceled". */
function isMonacoCancellation(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled';
}

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= (async () => {
    // Monaco 0.57 leaves some cancelled timers' promises unawaited (the inline-suggestion
    // accessibility signal); their rejections are expected, not errors.
    addEventListener('unhandledrejection', (e) => {
      if (isMonacoCancellation(e.reason)) e.preventDefault();
    });
    const [editorWorker, tsWorker, jsonWorker, cssWorker, htmlWorker, monaco] = await Promise.all([
      import('monaco-editor/editor/editor.worker?worker'),
      import('monaco-editor/language/typescript/ts.worker?worker'),
      import('monaco-editor/language/json/json.worker?worker'),
      import('monaco-editor/language/css/css.worker?worker'),
      import('monaco-editor/language/html/html.worker?worker'),
      import('monaco-editor'),
    ]);
    self.MonacoEnvironment = {
      getWorker(_id: string, label: string): Worker {
        if (label === 'typescript' || label === 'javascript') return new tsWorker.default();
        if (label === 'json') return new jsonWorker.default();
        if (label === 'css' || label === 'scss' || label === 'less') return new cssWorker.default();
        if (label === 'html' || label === 'handlebars' || label === 'razor') return new htmlWorker.default();
        return new editorWorker.default();
      },
    };
    registerLean(monaco);
    return monaco;
  })();
  return loading;
}
