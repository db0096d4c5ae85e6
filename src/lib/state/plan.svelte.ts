// The "plan, then write it step by step" run: the plan comes back as steps, each step is asked
// for in turn, and its code is applied (through the diff review, after the file's code) or
// discarded by the user before the next.
import { codeToApply } from '../prompts/actions.ts';
import { parseSteps, planPrompt, stepPrompt, type PlanContext } from '../prompts/plan.ts';
import type { ChatTurn } from '../prompts/instruct.ts';

export const STEP_STATES = ['pending', 'writing', 'written', 'applied', 'discarded'] as const;
export type StepState = (typeof STEP_STATES)[number];

export interface PlanStep {
  text: string;
  state: StepState;
  /** The step's code, once written (null: the answer had no code block). */
  code: string | null;
}

type Chat = { mode: string; draft: string; readonly turns: readonly ChatTurn[]; readonly generating: boolean; send(text?: string): Promise<void> };
type Code = { append(code: string, path: string): void };

export class PlanRun {
  phase = $state<'idle' | 'planning' | 'steps' | 'no-steps'>('idle');
  steps = $state.raw<PlanStep[]>([]);
  context = $state.raw<PlanContext | null>(null);

  constructor(
    private readonly chat: Chat,
    private readonly code: Code,
  ) {}

  /** The first step not yet written, or -1. */
  get next(): number {
    return this.steps.findIndex((s) => s.state === 'pending');
  }

  /** The step that may be written now: the next one, once the last written was applied or discarded; else -1. */
  get writable(): number {
    return this.steps.some((s) => s.state === 'written') ? -1 : this.next;
  }

  /** Asks for the plan of the message box's request, for the active file. */
  async start(context: PlanContext): Promise<void> {
    const request = this.chat.draft.trim();
    if (!request || this.chat.generating) return;
    this.context = context;
    this.steps = [];
    this.phase = 'planning';
    this.chat.mode = 'chat';
    await this.chat.send(planPrompt(request, context));
    this.steps = parseSteps(this.lastAnswer() ?? '').map((text) => ({ text, state: 'pending', code: null }));
    this.phase = this.steps.length ? 'steps' : 'no-steps';
  }

  async write(i: number): Promise<void> {
    const ctx = this.context;
    // In order: each step is written after the ones before it were applied or discarded.
    if (!ctx || i !== this.writable || this.chat.generating) return;
    this.set(i, { state: 'writing' });
    await this.chat.send(stepPrompt(i, this.steps.map((s) => s.text), ctx));
    this.set(i, { state: 'written', code: codeToApply(this.lastAnswer() ?? '', ctx.language) });
  }

  /** Opens the diff review with the step's code after the file's; Accept there applies it. */
  apply(i: number): void {
    const step = this.steps[i];
    if (!this.context || step?.state !== 'written' || step.code === null) return;
    this.code.append(step.code, this.context.path);
    this.set(i, { state: 'applied' });
  }

  discard(i: number): void {
    if (this.steps[i]?.state === 'written') this.set(i, { state: 'discarded' });
  }

  close(): void {
    this.phase = 'idle';
    this.steps = [];
  }

  private lastAnswer(): string | null {
    const last = this.chat.turns.at(-1);
    return last?.role === 'assistant' ? last.content : null;
  }

  private set(i: number, patch: Partial<PlanStep>): void {
    this.steps = this.steps.map((s, j) => (j === i ? { ...s, ...patch } : s));
  }
}
