// Monaco is loaded on first use, never in the entry chunk. Its language workers are bundled by
// Vite and served by the app.
import type * as Monaco from 'monaco-editor';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | null = null;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= (async () => {
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
    return monaco;
  })();
  return loading;
}
