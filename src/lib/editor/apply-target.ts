// Where a proposed change goes: the selection (or whole file) captured when the user asked, as
// offsets plus the text that was there, so applying later can tell if the file moved on.
import type { Text } from '../i18n/text.ts';

export interface ApplyTarget {
  path: string;
  start: number;
  end: number;
  /** The text between start and end when captured. */
  original: string;
  whole: boolean;
}

/** The target for `text` with the selection [start, end) (empty: the whole file). */
export function targetOf(path: string, text: string, start: number, end: number): ApplyTarget {
  if (start === end) return { path, start: 0, end: text.length, original: text, whole: true };
  const [a, b] = start < end ? [start, end] : [end, start];
  return { path, start: a, end: b, original: text.slice(a, b), whole: false };
}

/** The file as it would be with `code` in place of the target. */
export function proposedText(fileText: string, target: ApplyTarget, code: string): string {
  return fileText.slice(0, target.start) + code + fileText.slice(target.end);
}

/** Why the change can no longer go where it was meant to, or null when it still can. */
export function staleReason(path: string, fileText: string, target: ApplyTarget): Text | null {
  if (path !== target.path) return { key: 'apply_other_file', params: { path: target.path } };
  if (target.whole ? fileText !== target.original : fileText.slice(target.start, target.end) !== target.original) {
    return { key: 'apply_changed', params: { path: target.path } };
  }
  return null;
}

/** Keeps the file's trailing newline convention when a whole file is replaced. */
export function withTrailingNewline(code: string, target: ApplyTarget): string {
  if (!target.whole) return code;
  const wants = target.original.endsWith('\n');
  return wants && !code.endsWith('\n') ? `${code}\n` : code;
}
