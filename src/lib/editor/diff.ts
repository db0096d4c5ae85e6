// Monaco's diff editor for reviewing a proposed change before it touches the file.
import { loadMonaco } from './monaco.ts';

export interface DiffView {
  /** Lines added plus lines removed, once Monaco has computed the diff. */
  changes(): Promise<number>;
  dispose(): void;
}

/** `labels`: each side's accessible name, in the interface's language. */
export async function mountDiff(el: HTMLElement, original: string, proposed: string, language: string, labels: { original: string; proposed: string }): Promise<DiffView> {
  const monaco = await loadMonaco();
  const left = monaco.editor.createModel(original, language);
  const right = monaco.editor.createModel(proposed, language);
  const diff = monaco.editor.createDiffEditor(el, {
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: true,
    useInlineViewWhenSpaceIsLimited: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
  });
  diff.setModel({ original: left, modified: right });
  // Each side's input element gets its name from its own editor (Monaco 0.57 leaves it empty).
  diff.getOriginalEditor().updateOptions({ ariaLabel: labels.original });
  diff.getModifiedEditor().updateOptions({ ariaLabel: labels.proposed });
  const computed = new Promise<void>((resolve) => {
    const sub = diff.onDidUpdateDiff(() => {
      sub.dispose();
      resolve();
    });
  });
  return {
    async changes() {
      await computed;
      return (diff.getLineChanges() ?? []).reduce(
        (n, c) =>
          n +
          (c.originalEndLineNumber >= c.originalStartLineNumber ? c.originalEndLineNumber - c.originalStartLineNumber + 1 : 0) +
          (c.modifiedEndLineNumber >= c.modifiedStartLineNumber ? c.modifiedEndLineNumber - c.modifiedStartLineNumber + 1 : 0),
        0,
      );
    },
    dispose() {
      diff.dispose();
      left.dispose();
      right.dispose();
    },
  };
}
