// The chat beside the editor: instruct turns in the model's own template, streamed answers.
// Each prompt extends the previous one token for token, so the engine's KV-prefix reuse carries
// the conversation; editing history simply diverges earlier and the engine recomputes from there.
import { DEFAULT_CODER_SYSTEM, assistantTurn, buildChatPrompt, type ChatPrompt } from '../prompts/instruct.ts';
import { buildMathPrompt } from '../prompts/math.ts';
import type { Family } from '../models/catalog.ts';
import type { EngineError } from '../../../workers/errors.ts';
import type { EngineState } from './engine.svelte.ts';
import type { GenerationSettings } from './settings.svelte.ts';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
  /** Answers in math mode are shown with their \boxed{} result and collapsed thinking. */
  math?: boolean;
}

/** DeepSeek-Coder has a house system prompt; DeepSeek advises none for Math and R1. */
function defaultSystemPrompt(family: Family): string {
  return family === 'deepseek-coder' ? DEFAULT_CODER_SYSTEM : '';
}

export class ChatState {
  system = $state('');
  turns = $state<ChatTurn[]>([]);
  draft = $state('');
  /** The answer being streamed, not yet a turn. */
  streaming = $state('');
  generating = $state(false);
  /** `math`: each message is a problem, asked in the step-by-step \boxed{} format. */
  mode = $state<'chat' | 'math'>('chat');
  error = $state.raw<EngineError | Error | null>(null);
  /** The text the selection-based action was run on, so Apply knows what to replace. */
  target = $state.raw<{ whole: boolean } | null>(null);

  private systemFor: Family | null = null;

  constructor(
    private readonly engine: EngineState,
    private readonly settings: GenerationSettings,
    private readonly family: () => Family,
  ) {}

  /** The system prompt, reset to the family's default when the model family changes. */
  ensureSystem(): void {
    const f = this.family();
    if (this.systemFor !== f) {
      this.system = defaultSystemPrompt(f);
      this.systemFor = f;
    }
  }

  async send(text = this.draft): Promise<void> {
    const content = text.trim();
    if (!content || this.generating) return;
    this.ensureSystem();
    const math = this.mode === 'math';
    this.turns.push({ role: 'user', content, ...(math ? { math } : {}) });
    this.draft = '';
    this.streaming = '';
    this.error = null;
    this.generating = true;
    try {
      const built: ChatPrompt = math
        ? buildMathPrompt({ family: this.family(), question: content })
        : buildChatPrompt(this.family(), {
            system: this.system,
            turns: this.turns.filter((t) => !t.math).map((t) => ({ role: t.role, content: t.content })),
          });
      const res = await this.engine.request(
        {
          prompt: built.prompt,
          addSpecialTokens: false,
          stop: built.stop,
          stopTokenIds: built.stopTokenIds,
          ...this.settings.request(),
          channel: 'chat',
        },
        (chunk) => {
          this.streaming += chunk.delta;
        },
      );
      if (!res) throw new Error('Load a model first.');
      this.turns.push({ ...assistantTurn(built, res.text), ...(math ? { math } : {}) });
    } catch (err) {
      this.error = err instanceof Error ? err : new Error(String(err));
      // Keep what streamed so far: the user may still want it.
      if (this.streaming) this.turns.push({ role: 'assistant', content: this.streaming, ...(math ? { math } : {}) });
    } finally {
      this.streaming = '';
      this.generating = false;
    }
  }

  async stop(): Promise<void> {
    await this.engine.interrupt('chat');
  }

  clear(): void {
    if (this.generating) return;
    this.turns = [];
    this.error = null;
  }
}
