// Text the page logic hands to the interface: a message key and its values, typed from the
// messages, rendered by the component that shows it (render.ts). Kept as data, it follows a
// language switch, and the logic stays free of the messages' code (type imports only).
import type { m } from '../../paraglide/messages.js';

type Messages = typeof m;
export type MessageKey = keyof Messages;
type Inputs<K extends MessageKey> = NonNullable<Parameters<Messages[K]>[0]>;

/** A number in the locale's grouping (1,000,000), unlike a bare number, shown as it is. */
export interface Grouped {
  grouped: number;
}
/** A list of texts, joined with the locale's separator (or its "and"). */
export interface TextList {
  list: readonly Text[];
  and?: boolean;
}
export type TextValue = string | number | Text | Grouped | TextList;

export type Text = {
  [K in MessageKey]: [keyof Inputs<K>] extends [never] ? { key: K; params?: undefined } : { key: K; params: { [P in keyof Inputs<K>]: TextValue } };
}[MessageKey];

/** Text that is not the interface's to translate: an error from a library, a worker's detail. */
export function verbatim(text: string): Text {
  return { key: 'verbatim', params: { text } };
}

/** The message of whatever was thrown, as is. */
export function thrownText(err: unknown): Text {
  return verbatim(err instanceof Error ? err.message : String(err));
}
