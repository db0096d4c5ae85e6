// What the chat needs from the editor: the selection (or the file), and undoable edits.
import type * as Monaco from 'monaco-editor';
import { staleReason, targetOf, type ApplyTarget } from './apply-target.ts';
import type { Text } from '../i18n/text.ts';

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

  /** The selection (or the whole file) of the open file `path`, to apply a change to later. */
  capture(path: string): ApplyTarget | null {
    const ed = this.editor;
    const model = ed?.getModel();
    if (!ed || !model) return null;
    const sel = ed.getSelection();
    const start = sel ? model.getOffsetAt(sel.getStartPosition()) : 0;
    const end = sel ? model.getOffsetAt(sel.getEndPosition()) : 0;
    return targetOf(path, model.getValue(), start, end);
  }

  /** Puts `code` where `target` was, as one undoable edit; says why not when the file moved on. */
  applyAt(path: string, target: ApplyTarget, code: string): Text | null {
    const ed = this.editor;
    const model = ed?.getModel();
    if (!ed || !model) return { key: 'apply_editor_not_ready' };
    const stale = staleReason(path, model.getValue(), target);
    if (stale) return stale;
    const from = model.getPositionAt(target.start);
    const to = model.getPositionAt(target.end);
    const range = { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column };
    ed.pushUndoStop();
    ed.executeEdits('seekpad-apply', [{ range, text: code, forceMoveMarkers: true }]);
    ed.pushUndoStop();
    ed.focus();
    return null;
  }
}
