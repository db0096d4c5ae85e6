// A status the worker explains (src/contract/status-text.ts) as the interface shows it: the
// messages of its codes in the user's language. The codes crossed the worker boundary as plain
// data, so they are checked first: a code the page does not know, values that do not fit it, or
// codes that do not say what the English beside them says, and the English is shown as it is.
import { placeholders } from '../../contract/error-text.ts';
import { STATUS_TEXTS, isStatusText, sentencesEnglish, statusEnglish, type StatusCode, type StatusText, type StatusValue } from '../../contract/status-text.ts';
import { verbatim, type MessageKey, type Text, type TextValue } from './text.ts';

// Every code has a message: one without fails the typecheck here.
type CodeKey = `status_${StatusCode}`;
const _everyCodeHasAMessage: [CodeKey] extends [MessageKey] ? true : never = true;

function valueText(v: StatusValue): TextValue {
  if (typeof v !== 'object') return v;
  if ('list' in v) return { list: v.list.map(verbatim), ...(v.and ? { and: true } : {}) };
  if ('error' in v) return { key: `error_${v.error}`, params: v.params } as Text;
  return codeText(v);
}

function codeText(text: StatusText): Text {
  // Only the code's own values: anything else that came across is not the message's.
  const params = Object.fromEntries(placeholders(STATUS_TEXTS[text.code]).map((k) => [k, valueText(text.params[k])]));
  return { key: `status_${text.code}`, params } as Text;
}

/** One status (`text`, the `…Text` twin of the field that holds `english`). */
export function statusText(text: unknown, english: string): Text {
  return isStatusText(text) && statusEnglish(text) === english ? codeText(text) : verbatim(english);
}

/** Sentences (a runtime choice's reason), joined as the language joins sentences. */
export function sentencesText(parts: unknown, english: string): Text {
  if (!Array.isArray(parts) || parts.length === 0 || !parts.every((p) => isStatusText(p)) || sentencesEnglish(parts) !== english) return verbatim(english);
  return parts.map(codeText).reduceRight((rest, first) => ({ key: 'status_sentences', params: { first, rest } }));
}
