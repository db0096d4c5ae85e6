// R1-style output: reasoning inside <think>…</think>, then the answer. The R1 prompts end
// with "<think>\n" (DeepSeek recommends forcing it, or the distills sometimes skip thinking),
// so the output usually starts inside the block and only "</think>" appears. While
// streaming, "</think>" may not have arrived, or only part of it.

export const THINK_OPEN = '<think>';
export const THINK_CLOSE = '</think>';

export interface ThinkSplit {
  /** The reasoning, trimmed, without the tags. */
  thinking: string;
  /** What follows "</think>", without its leading whitespace. */
  answer: string;
  /** False while the output is still inside the thinking block. */
  thinkingDone: boolean;
  /** Whether the output had (or started in) a thinking block at all. */
  hasThinking: boolean;
}

export interface SplitOptions {
  /** The prompt already opened "<think>", so the output starts inside it. */
  openedInPrompt?: boolean;
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagAtEnd(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

export function splitThinking(output: string, options: SplitOptions = {}): ThinkSplit {
  let body = output;
  let inside = options.openedInPrompt === true;
  const lead = output.length - output.trimStart().length;
  const rest = output.slice(lead);
  if (rest.startsWith(THINK_OPEN)) {
    // Also when the prompt opened it: a repeated opener is not part of the reasoning.
    inside = true;
    body = rest.slice(THINK_OPEN.length);
  } else if (rest !== '' && THINK_OPEN.startsWith(rest) && !inside) {
    // "<thi" could still become the opener; show nothing rather than flash it as the answer.
    return { thinking: '', answer: '', thinkingDone: false, hasThinking: true };
  } else if (!inside && output.includes(THINK_CLOSE)) {
    // A closer without an opener: the prompt opened the block, whatever the caller said.
    inside = true;
  }
  if (!inside) return { thinking: '', answer: output, thinkingDone: true, hasThinking: false };

  const close = body.indexOf(THINK_CLOSE);
  if (close === -1) {
    const held = partialTagAtEnd(body, THINK_CLOSE);
    return { thinking: body.slice(0, body.length - held).trim(), answer: '', thinkingDone: false, hasThinking: true };
  }
  return {
    thinking: body.slice(0, close).trim(),
    answer: body.slice(close + THINK_CLOSE.length).trimStart(),
    thinkingDone: true,
    hasThinking: true,
  };
}

/**
 * What R1's chat template keeps of an earlier assistant turn: the text after the last
 * "</think>" (everything, if there is none), whitespace untouched, as the template does.
 */
export function afterThinking(content: string): string {
  const i = content.lastIndexOf(THINK_CLOSE);
  return i === -1 ? content : content.slice(i + THINK_CLOSE.length);
}
