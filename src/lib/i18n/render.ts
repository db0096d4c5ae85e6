// Renders a Text (text.ts) in the current language, and splits a message around its values so a
// component can wrap a value in markup (<code>, <strong>, an input) in any word order.
import { m } from '../../paraglide/messages.js';
import { getLocale, type Locale } from '../../paraglide/runtime.js';
import { formatNumber } from './negotiate.ts';
import type { Text, TextValue } from './text.ts';

type AnyMessage = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

function value(v: TextValue, locale: Locale): string | number {
  if (typeof v !== 'object') return v;
  if ('grouped' in v) return formatNumber(v.grouped, locale);
  if ('list' in v) return v.list.map((t) => render(t, locale)).join((v.and ? m.list_and : m.list_separator)({}, { locale }));
  return render(v, locale);
}

export function render(text: Text, locale: Locale = getLocale()): string {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(text.params ?? {})) params[k] = value(v as TextValue, locale);
  return (m[text.key] as AnyMessage)(params, { locale });
}

/** A piece of a message: its own words, or the name of a value the caller renders. */
export type Segment = { text: string; value?: undefined } | { value: string; text?: undefined };

const OPEN = '\u{E000}';
const CLOSE = '\u{E001}';

/** The message with each named value left as a gap: `segments(m.x, ['host'])`. */
export function segments<K extends string>(message: (inputs: Record<K, string>) => string, names: readonly K[]): Segment[] {
  const marks = Object.fromEntries(names.map((n) => [n, `${OPEN}${n}${CLOSE}`])) as Record<K, string>;
  const out: Segment[] = [];
  for (const piece of message(marks).split(OPEN)) {
    const end = piece.indexOf(CLOSE);
    if (end >= 0) out.push({ value: piece.slice(0, end) });
    const rest = piece.slice(end + 1);
    if (rest) out.push({ text: rest });
  }
  return out;
}
