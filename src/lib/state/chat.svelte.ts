// The chat beside the editor: instruct turns in the model's own template, streamed answers.
// Each prompt extends the previous one token for token, so the engine's KV-prefix reuse carries
// the conversation; editing history simply diverges earlier and the engine recomputes from there.
import { assistantTurn, defaultSystemPrompt, buildChatPrompt, type ChatPrompt } from '../prompts/instruct.ts';
import { buildMathPrompt } from '../prompts/math.ts';
import type { Family } from '../../contract/sets.ts';
import { EngineError } from '../../contract/errors.ts';
import type { Text } from '../i18n/text.ts';
import type { EngineState } from './engine.svelte.ts';
import type { GenerationSettings } from './settings.svelte.ts';
import type { SandboxClient } from '../sandbox/client.ts';
import type { ChatMode, ChatRole } from '../chat/modes.ts';
import { DEFAULT_MAX_ROUNDS, runToolLoop, type ToolRun, type ToolStatus } from './tool-loop.ts';

export interface ChatTurn {
  role: ChatRole;
  content: string;
  /** Answers in math mode are shown with their \boxed{} result and collapsed thinking. */
  math?: boolean;
  /** Program-aided answers: one entry per ```output block, in order. */
  runs?: ToolRun[];
  /** The answer broke off (a failed generation, a cut stream): what arrived, marked so. */
  cut?: boolean;
}

function statusText(status: ToolStatus | null, loadedBefore: boolean): Text | null {
  if (status === 'running') return { key: 'chat_python_running' };
  if (status === 'loading') return { key: loadedBefore ? 'chat_python_restarting' : 'chat_python_loading' };
  return null;
}

/** The sandbox is made on first use only: Pyodide is not requested before. */
async function defaultSandbox(): Promise<SandboxClient> {
  const { createSandbox } = await import('../sandbox/spawn.ts');
  return createSandbox();
}

export class ChatState {
  system = $state('');
  turns = $state<ChatTurn[]>([]);
  draft = $state('');
  /** The answer being streamed, not yet a turn. */
  streaming = $state('');
  generating = $state(false);
  /**
   * `math`: each message is a problem, asked in the step-by-step \boxed{} format; `tool`: the
   * same with Python (DeepSeek-Math's tool-integrated format, programs run in the sandbox).
   */
  mode = $state<ChatMode>('chat');
  /** Tool mode: the Python time limit per program, and how many programs one answer may run. */
  pythonLimitS = $state(10);
  maxToolRounds = $state(DEFAULT_MAX_ROUNDS);
  /** Tool mode, while generating: the runs so far and what Python is doing. */
  streamingRuns = $state<ToolRun[]>([]);
  toolStatus = $state.raw<Text | null>(null);
  /** A note under the answer, e.g. that the round limit ended it. */
  toolNote = $state.raw<Text | null>(null);
  error = $state.raw<EngineError | Error | null>(null);

  private systemFor: Family | null = null;
  private sandbox: Promise<SandboxClient> | null = null;
  private sandboxClient: SandboxClient | null = null;
  private stopRequested = false;

  constructor(
    private readonly engine: EngineState,
    private readonly settings: GenerationSettings,
    private readonly family: () => Family,
    private readonly makeSandbox: () => Promise<SandboxClient> = defaultSandbox,
  ) {}

  /** Changes the mode; choosing tool mode starts loading Python while the user types. */
  setMode(mode: ChatMode): void {
    this.mode = mode;
    if (mode === 'tool') void this.python().then((s) => s.warm());
  }

  private python(): Promise<SandboxClient> {
    this.sandbox ??= this.makeSandbox().then((s) => (this.sandboxClient = s));
    return this.sandbox;
  }

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
    if (this.mode === 'tool') return this.sendTool(content);
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
      const res = await this.request(built, (delta) => {
        this.streaming += delta;
      });
      if (!res) throw EngineError.of('chat_no_model', {});
      this.turns.push({ ...assistantTurn(built, res.text), ...(math ? { math } : {}) });
    } catch (err) {
      this.error = err instanceof Error ? err : new Error(String(err));
      // Keep what streamed so far: the user may still want it.
      if (this.streaming) this.turns.push({ role: 'assistant', content: this.streaming, cut: true, ...(math ? { math } : {}) });
      else this.unask(content);
    } finally {
      this.streaming = '';
      this.generating = false;
    }
  }

  /**
   * Nothing came back: the question leaves the log (turns must alternate, or the next prompt cannot
   * be built) and goes back into the message box, so a retry is one click and nothing is lost.
   */
  private unask(content: string): void {
    const last = this.turns.at(-1);
    if (last?.role !== 'user' || last.content !== content) return;
    this.turns.pop();
    if (!this.draft.trim()) this.draft = content;
  }

  /** One answer on the chat's own channel, so typing (completions) never interrupts it. */
  private request(built: ChatPrompt, onDelta: (delta: string) => void) {
    const req = { prompt: built.prompt, messages: built.messages, addSpecialTokens: false, stop: built.stop, stopTokenIds: built.stopTokenIds, ...this.settings.request(), channel: 'chat' as const };
    return this.engine.request(req, (chunk) => onDelta(chunk.delta));
  }

  private async sendTool(question: string): Promise<void> {
    this.turns.push({ role: 'user', content: question, math: true });
    this.draft = '';
    this.streaming = '';
    this.streamingRuns = [];
    this.toolNote = null;
    this.error = null;
    this.generating = true;
    this.stopRequested = false;
    let answer = '';
    let runs: ToolRun[] = [];
    try {
      const sandbox = await this.python();
      const res = await runToolLoop({
        family: this.family(),
        question,
        maxRounds: Math.max(0, Math.round(this.maxToolRounds)),
        generate: (built, onDelta) => this.request(built, onDelta),
        runPython: (code, onRunning) => sandbox.run(code, { timeLimitMs: this.limitMs(), onRunning }),
        pythonReady: () => sandbox.phase === 'ready',
        now: () => performance.now(),
        onAnswer: (a) => (this.streaming = answer = a),
        onRuns: (r) => (this.streamingRuns = runs = r),
        onStatus: (s) => (this.toolStatus = statusText(s, sandbox.lastColdStartMs !== null)),
        stopped: () => this.stopRequested,
      });
      if (res.end === 'no-model') throw EngineError.of('chat_no_model', {});
      if (res.end === 'rounds') this.toolNote = { key: 'chat_rounds_limit', params: { runs: res.runs.length } };
      this.turns.push({ role: 'assistant', content: res.answer, math: true, runs: res.runs });
    } catch (err) {
      this.error = err instanceof Error ? err : new Error(String(err));
      if (answer) this.turns.push({ role: 'assistant', content: answer, math: true, runs, cut: true });
      else this.unask(question);
    } finally {
      this.streaming = '';
      this.streamingRuns = [];
      this.toolStatus = null;
      this.generating = false;
    }
  }

  private limitMs(): number {
    const s = Number.isFinite(this.pythonLimitS) ? this.pythonLimitS : 10;
    return Math.round(Math.min(600, Math.max(0.5, s)) * 1000);
  }

  /** Stops the answer: the generation, and in tool mode a running program too. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.sandboxClient?.cancel();
    await this.engine.interrupt('chat');
  }

  clear(): void {
    if (this.generating) return;
    this.turns = [];
    this.error = null;
  }
}
