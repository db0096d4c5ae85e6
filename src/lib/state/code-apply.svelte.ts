// The chat's actions on the user's code: an action fills the message for the selection (or the
// file) and remembers where it came from; Apply always goes through a diff review, and Accept
// puts the code there as one undoable edit, or says why it no longer fits.
import { proposedText, withTrailingNewline, type ApplyTarget } from '../editor/apply-target.ts';
import type { EditorBridge } from '../editor/bridge.ts';
import { languageOf, type ProjectFile } from '../project/files.ts';
import { buildActionRequest, codeToApply, type ActionContext, type CodeAction } from '../prompts/actions.ts';
import type { ChatState } from './chat.svelte.ts';
import type { Text } from '../i18n/text.ts';

export interface Review {
  target: ApplyTarget;
  code: string;
  original: string;
  proposed: string;
  /** Why Accept failed (the file moved on), shown in the review. */
  problem: Text | null;
}

type Editor = Pick<EditorBridge, 'selectionOrFile' | 'capture' | 'applyAt' | 'insertAtCursor'>;
type Chat = Pick<ChatState, 'mode' | 'draft' | 'turns' | 'generating'>;
type Project = { readonly activePath: string; readonly active: ProjectFile; readonly files: readonly ProjectFile[] };

export class CodeApply {
  /** Where Apply puts code: what the last action was run on, else the selection or file now. */
  target = $state.raw<ApplyTarget | null>(null);
  lastAction = $state.raw<CodeAction | null>(null);
  review = $state.raw<Review | null>(null);
  /** Told of every prepared action (the structured prompt takes its task and code from it). */
  onPrepare: ((action: CodeAction, ctx: ActionContext) => void) | null = null;

  constructor(
    private readonly chat: Chat,
    private readonly editor: Editor,
    private readonly project: Project,
  ) {}

  /** Fills the message box with the action's prompt for the selection (or file): editable before sending. */
  prepare(action: CodeAction): void {
    const path = this.project.activePath;
    const sel = this.editor.selectionOrFile() ?? { text: this.project.active.text, whole: true };
    this.chat.mode = 'chat';
    this.target = this.editor.capture(path);
    this.lastAction = action;
    const ctx = { code: sel.text, language: languageOf(path), path };
    this.chat.draft = buildActionRequest(action, ctx);
    this.onPrepare?.(action, ctx);
  }

  /** The code of the latest answer to an action that rewrites code (Find and fix, Optimise, ...). */
  get fix(): string | null {
    const last = this.chat.turns.at(-1);
    if (!this.lastAction?.appliesCode || this.chat.generating || last?.role !== 'assistant') return null;
    return codeToApply(last.content, languageOf(this.target?.path ?? this.project.activePath));
  }

  insert(code: string): boolean {
    return this.editor.insertAtCursor(code.endsWith('\n') ? code : `${code}\n`);
  }

  /** Every Apply goes through the diff editor: nothing replaces the user's code unseen. */
  apply(code: string): void {
    const t = this.target ?? this.editor.capture(this.project.activePath);
    if (!t) return;
    const file = this.project.files.find((f) => f.path === t.path)?.text ?? t.original;
    const fitted = withTrailingNewline(code, t);
    this.review = { target: t, code: fitted, original: file, proposed: proposedText(file, t, fitted), problem: null };
  }

  /** Reviews `code` added after the end of `path` (the active file), a blank line between. */
  append(code: string, path: string): void {
    const file = this.project.files.find((f) => f.path === path)?.text ?? '';
    const gap = file === '' || file.endsWith('\n\n') ? '' : file.endsWith('\n') ? '\n' : '\n\n';
    const added = `${gap}${code.endsWith('\n') ? code : `${code}\n`}`;
    // The whole file is the target: if it changes before Accept, the review says so.
    const target = { path, start: 0, end: file.length, original: file, whole: true };
    this.review = { target, code: file + added, original: file, proposed: file + added, problem: null };
  }

  accept(): void {
    const review = this.review;
    if (!review) return;
    const problem = this.editor.applyAt(this.project.activePath, review.target, review.code);
    if (problem) this.review = { ...review, problem };
    else {
      this.review = null;
      this.target = null;
    }
  }

  close(): void {
    this.review = null;
  }
}
