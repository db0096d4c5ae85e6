// What the chat needs from the editor: the selection (or the file), and undoable edits.
import type * as Monaco from 'monaco-editor';

export class EditorBridge {
  private editor: Monaco.editor.IStandaloneCodeEditor | null = null;

  attach(editor: Monaco.editor.IStandaloneCodeEditor | null): void {
    this.editor = editor;
  }

  /** The selected text, or the whole file when nothing is selected. */
  selectionOrFile(): { text: string; whole: boolean } | null {
    const ed = this.editor;
    const model = ed?.getModel();
    if (!ed || !model) return null;
    const sel = ed.getSelection();
    const text = sel && !sel.isEmpty() ? model.getValueInRange(sel) : '';
    return text ? { text, whole: false } : { text: model.getValue(), whole: true };
  }

  insertAtCursor(text: string): boolean {
    const ed = this.editor;
    const sel = ed?.getSelection();
    if (!ed || !sel) return false;
    ed.pushUndoStop();
    ed.executeEdits('seekpad-chat', [{ range: sel, text, forceMoveMarkers: true }]);
    ed.pushUndoStop();
    ed.focus();
    return true;
  }

  /** Replaces the selection, or the whole file when nothing was selected; Ctrl+Z undoes it. */
  apply(text: string, whole: boolean): boolean {
    const ed = this.editor;
    const model = ed?.getModel();
    if (!ed || !model) return false;
    const sel = ed.getSelection();
    const range = whole || !sel || sel.isEmpty() ? model.getFullModelRange() : sel;
    ed.pushUndoStop();
    ed.executeEdits('seekpad-apply', [{ range, text, forceMoveMarkers: true }]);
    ed.pushUndoStop();
    return true;
  }
}
