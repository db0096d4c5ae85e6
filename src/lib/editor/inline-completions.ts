// Monaco side of ghost-text completion: turns Monaco's provider calls into plain requests for a
// completion function, and drops anything that arrives for an older state of the document.
import type * as Monaco from 'monaco-editor';
import type { MonacoApi } from './monaco.ts';

export interface CompletionQuery {
  /** The file's URI path, e.g. `/main.py`. */
  path: string;
  language: string;
  prefix: string;
  suffix: string;
  /** Alt+\ or the command palette, rather than typing. */
  explicit: boolean;
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

export function registerFimCompletions(monaco: MonacoApi, hooks: InlineHooks): Monaco.IDisposable {
  const provider: Monaco.languages.InlineCompletionsProvider = {
    // Our own adaptive delay runs inside complete(); Monaco adds none.
    debounceDelayMs: 0,
    displayName: 'seekpad FIM',
    async provideInlineCompletions(model, position, context, token) {
      const version = model.getAlternativeVersionId();
      const offset = model.getOffsetAt(position);
      const text = model.getValue();
      const query: CompletionQuery = {
        path: model.uri.path.replace(/^\//, ''),
        language: model.getLanguageId(),
        prefix: text.slice(0, offset),
        suffix: text.slice(offset),
        explicit: context.triggerKind === monaco.languages.InlineCompletionTriggerKind.Explicit,
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

/**
 * Alt+\ asks for a completion now, whatever the delay. Tab accepts visible ghost text even when
 * it starts with indentation (Monaco would indent first; code completions often start so).
 */
export function addCompletionKeys(monaco: MonacoApi, editor: Monaco.editor.IStandaloneCodeEditor): Monaco.IDisposable {
  editor.addCommand(
    monaco.KeyCode.Tab,
    () => editor.trigger('keyboard', 'editor.action.inlineSuggest.commit', {}),
    'inlineSuggestionVisible && !editorHasSelection && !suggestWidgetVisible',
  );
  return editor.addAction({
    id: 'seekpad.triggerCompletion',
    label: 'Complete here (fill in the middle)',
    keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.Backslash],
    run: (ed) => ed.trigger('seekpad', 'editor.action.inlineSuggest.trigger', {}),
  });
}
