// Valibot carries an issue's message as a string: the schemas put a Text there, encoded, and
// issueText reads it back. Valibot's own messages (a rule without ours) stay as they are, cut
// short: they quote the input, which may be a hostile link's.
import { verbatim, type Text } from './text.ts';

const MARK = '\u0000text:';

/** A schema rule's message: `v.string(says({ key: 'schema_path_text' }))`. */
export function says(text: Text): string {
  return MARK + JSON.stringify(text);
}

export function issueText(message: string): Text {
  if (!message.startsWith(MARK)) return verbatim(message.slice(0, 300));
  try {
    return JSON.parse(message.slice(MARK.length)) as Text;
  } catch {
    return verbatim(message);
  }
}
