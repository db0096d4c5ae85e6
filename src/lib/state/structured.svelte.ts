// The structured prompt: the chat message as fields the user edits (role, task, constraints,
// context files with their token counts, the code). While the fields are open the message box
// shows what they compose; "edit as text" closes them and leaves that text to edit freely.
import type { ActionContext, CodeAction } from '../prompts/actions.ts';
import { composeMessage, fieldsForAction, type CodePart, type StructuredFields } from '../prompts/structured.ts';
import type { ProjectFile } from '../project/files.ts';

type Chat = { draft: string };
type Project = { readonly files: readonly ProjectFile[] };
type Counter = { countTokens(texts: string[]): Promise<number[] | null> };

/** Tokens per file: the model's own count when one is loaded, else about 4 characters a token. */
export interface FileTokens {
  tokens: number;
  exact: boolean;
}

export class StructuredPrompt {
  open = $state(false);
  fields = $state.raw<StructuredFields>({ role: '', task: '', constraints: '', context: [] });
  code = $state.raw<CodePart | null>(null);
  tokens = $state.raw<Record<string, FileTokens>>({});
  private countId = 0;

  constructor(
    private readonly chat: Chat,
    private readonly project: Project,
    private readonly counter: Counter,
  ) {}

  /** An action was prepared: its instruction is the task, its code the code; role, constraints and context stay. */
  fromAction(action: CodeAction, ctx: ActionContext): void {
    // The message box already holds the prompt as written; fields would rewrite it.
    if (action.verbatim) {
      this.code = null;
      this.hide();
      return;
    }
    const next = fieldsForAction(action, ctx);
    this.fields = { ...this.fields, task: next.fields.task };
    this.code = next.code;
    this.compose();
  }

  /** Opens the fields; a message typed so far becomes the task. */
  show(): void {
    if (!this.open && this.code === null && this.chat.draft.trim() !== '') this.fields = { ...this.fields, task: this.chat.draft };
    this.open = true;
    this.compose();
    void this.count();
  }

  /** Closes the fields; the message box keeps the composed text, free to edit. */
  hide(): void {
    this.open = false;
  }

  set(field: 'role' | 'task' | 'constraints', value: string): void {
    this.fields = { ...this.fields, [field]: value };
    this.compose();
  }

  toggleContext(path: string, on: boolean): void {
    const rest = this.fields.context.filter((p) => p !== path);
    this.fields = { ...this.fields, context: on ? [...rest, path] : rest };
    this.compose();
  }

  /** After a send: the next request starts from the same role, constraints and context. */
  sent(): void {
    this.fields = { ...this.fields, task: '' };
    this.code = null;
  }

  /** Token counts of the project's files, for the context picker. */
  async count(): Promise<void> {
    const id = ++this.countId;
    const files = this.project.files.map((f) => ({ path: f.path, text: f.text }));
    const exact = await this.counter.countTokens(files.map((f) => f.text));
    if (id !== this.countId) return;
    this.tokens = Object.fromEntries(files.map((f, i) => [f.path, exact ? { tokens: exact[i], exact: true } : { tokens: Math.ceil(f.text.length / 4), exact: false }]));
  }

  private compose(): void {
    if (this.open) this.chat.draft = composeMessage(this.fields, this.code, this.project.files);
  }
}
