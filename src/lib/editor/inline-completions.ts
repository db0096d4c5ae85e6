// Monaco side of ghost-text completion: turns Monaco's provider calls into plain requests for a
// completion function, and drops anything that arrives for an older state of the document.
import type * as Monaco from 'monaco-editor';
import type { MonacoApi } from './monaco.ts';

/** The cursor's document state: what a completion, or a background prefill, is made for. */
export interface WarmQuery {
  /** The file's path in the project, e.g. `main.py`. */
  path: string;
  language: string;
  prefix: string;
  suffix: string;
}

export interface CompletionQuery extends WarmQuery {
  /** Alt+\ or the command palette, rather than typing. */
  explicit: boolean;
  /** False once the document or the cursor has moved on since this query (not for a refresh). */
  stillCurrent: () => boolean;
}

export interface CancelSignal {
  readonly cancelled: boolean;
  onCancel(listener: () => void): void;
}

export type CompleteFn = (query: CompletionQuery, signal: CancelSignal) => Promise<string | null>;

export interface InlineHooks {
  complete: CompleteFn;
  /** Ghost text accepted in full (Tab) or in part (Ctrl+Right). */
  onAccept?: () => void;
  onReject?: () => void;
}

function signalOf(token: Monaco.CancellationToken): CancelSignal {
  return {
    get cancelled() {
      return token.isCancellationRequested;
    },
    onCancel(listener) {
      token.onCancellationRequested(listener);
    },
  };
}

function stateAt(model: Monaco.editor.ITextModel, offset: number): WarmQuery {
  const text = model.getValue();
  return { path: model.uri.path.replace(/^\//, ''), language: model.getLanguageId(), prefix: text.slice(0, offset), suffix: text.slice(offset) };
}

/**
 * Calls `warm` with the cursor's state once the editor has been still for `idleMs` after a move,
 * an edit or a file switch (and on `poke`, e.g. when a model becomes ready).
 */
export function watchIdle(editor: Monaco.editor.IStandaloneCodeEditor, warm: (q: WarmQuery) => void, idleMs = 700): Monaco.IDisposable & { poke(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    const model = editor.getModel();
    const pos = editor.getPosition();
    if (model && pos) warm(stateAt(model, model.getOffsetAt(pos)));
  };
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(fire, idleMs);
  };
  const subs = [editor.onDidChangeCursorPosition(poke), editor.onDidChangeModel(poke), editor.onDidChangeModelContent(poke)];
  return {
    poke,
    dispose() {
      clearTimeout(timer);
      for (const d of subs) d.dispose();
    },
  };
}

/** No editor of this model has moved its cursor away from `offset`. */
function cursorStays(monaco: MonacoApi, model: Monaco.editor.ITextModel, offset: number): boolean {
  return monaco.editor.getEditors().every((ed) => {
    const pos = ed.getModel() === model ? ed.getPosition() : null;
    return !pos || model.getOffsetAt(pos) === offset;
  });
}

export function registerFimCompletions(monaco: MonacoApi, hooks: InlineHooks): Monaco.IDisposable {
  const provider: Monaco.languages.InlineCompletionsProvider = {
    // Our own adaptive delay runs inside complete(); Monaco adds none.
    debounceDelayMs: 0,
    displayName: 'seekpad FIM',
    async provideInlineCompletions(model, position, context, token) {
      const version = model.getAlternativeVersionId();
      const offset = model.getOffsetAt(position);
      const query: CompletionQuery = {
        ...stateAt(model, offset),
        explicit: context.triggerKind === monaco.languages.InlineCompletionTriggerKind.Explicit,
        stillCurrent: () => !model.isDisposed() && model.getAlternativeVersionId() === version && cursorStays(monaco, model, offset),
      };
      const insert = await hooks.complete(query, signalOf(token));
      // Never show a completion made for another state of the document.
      if (!insert || token.isCancellationRequested || model.isDisposed() || model.getAlternativeVersionId() !== version) {
        return { items: [] };
      }
      const range = new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column);
      return { items: [{ insertText: insert, range }] };
    },
    handlePartialAccept() {
      hooks.onAccept?.();
    },
    handleEndOfLifetime(_completions, _item, reason) {
      if (reason.kind === monaco.languages.InlineCompletionEndOfLifeReasonKind.Accepted) hooks.onAccept?.();
      else if (reason.kind === monaco.languages.InlineCompletionEndOfLifeReasonKind.Rejected) hooks.onReject?.();
    },
    disposeInlineCompletions() {},
  };
  return monaco.languages.registerInlineCompletionsProvider({ pattern: '**' }, provider);
}

/** The inline-suggestion model of Monaco's controller: internal, so typed here for the pinned 0.57. */
interface InlineModel {
  stop(reason?: 'automatic'): void;
  trigger(tx?: undefined, options?: { explicit?: boolean }): Promise<void>;
}

/**
 * Shows a grown suggestion in place of the one shown. Any public trigger is a no-op here: Monaco
 * skips a fetch when its last one was for the same cursor and version. Clearing and fetching
 * again in one task paints nothing in between (the provider answers without waiting).
 */
export function refreshInline(editor: Monaco.editor.IStandaloneCodeEditor): void {
  const controller = editor.getContribution('editor.contrib.inlineCompletionsController') as { model?: { get?: () => InlineModel | undefined } } | null;
  const model = controller?.model?.get?.();
  if (!model) return;
  model.stop('automatic');
  // A later keystroke cancels this fetch with Monaco's 'Canceled', which loadMonaco's handler ignores.
  void model.trigger(undefined, { explicit: true });
}

/**
 * Alt+\ asks for a completion now, whatever the delay. Tab accepts visible ghost text even when
 * it starts with indentation (Monaco would indent first; code completions often start so).
 * `label`: the action's name in the command palette, in the interface's language.
 */
export function addCompletionKeys(monaco: MonacoApi, editor: Monaco.editor.IStandaloneCodeEditor, label: string): Monaco.IDisposable {
  editor.addCommand(
    monaco.KeyCode.Tab,
    () => editor.trigger('keyboard', 'editor.action.inlineSuggest.commit', {}),
    'inlineSuggestionVisible && !editorHasSelection && !suggestWidgetVisible',
  );
  return editor.addAction({
    id: 'seekpad.triggerCompletion',
    label,
    keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.Backslash],
    run: (ed) => ed.trigger('seekpad', 'editor.action.inlineSuggest.trigger', {}),
  });
}
