// An assistant message as the chat shows it: R1's thinking apart, prose and code blocks in order,
// and each ```output block paired with the sandbox run it stands for.
import { finalAnswer } from '../math/boxed.ts';
import { splitThinking } from '../math/think.ts';
import { parseCodeBlocks } from './codeblocks.ts';
import type { ChatRole } from './modes.ts';

/** `R`: a sandbox run (state/tool-loop.ts's ToolRun), carried through as it is. */
export type MessagePart<R> =
  | { kind: 'md'; markdown: string }
  | { kind: 'code'; code: string; lang: string; closed: boolean }
  | { kind: 'tool'; run: R };

export interface MessageView<R> {
  /** R1's reasoning inside <think>…</think>, shown collapsed once done; null when there is none. */
  thinking: { text: string; done: boolean } | null;
  /** The text after the thinking (the whole message for the user's). */
  body: string;
  /** Math answers: the last \boxed{} result. */
  boxed: string | null;
  parts: MessagePart<R>[];
}

export function messageView<R>(role: ChatRole, content: string, math: boolean, runs?: readonly R[]): MessageView<R> {
  if (role === 'user') return { thinking: null, body: content, boxed: null, parts: [] };
  const split = splitThinking(content);
  const body = split.hasThinking ? split.answer : content;
  const parts: MessagePart<R>[] = [];
  let at = 0;
  let outputs = 0;
  for (const b of parseCodeBlocks(body)) {
    if (b.start > at) parts.push({ kind: 'md', markdown: body.slice(at, b.start) });
    // The model cannot write an output block (generation stops at "```output"): each one is a run.
    const run = runs && b.lang === 'output' ? runs[outputs++] : undefined;
    parts.push(run ? { kind: 'tool', run } : { kind: 'code', code: b.code, lang: b.lang, closed: b.closed });
    at = b.end;
  }
  if (at < body.length) parts.push({ kind: 'md', markdown: body.slice(at) });
  return { thinking: split.hasThinking ? { text: split.thinking, done: split.thinkingDone } : null, body, boxed: math ? finalAnswer(body) : null, parts };
}
