// An EngineError as the interface shows it: the message and hint of its code in the user's
// language, or its English text when it has no code (an error from before codes, or a library's).
import { ERROR_TEXTS, type EngineErrorCode, type ErrorHint } from '../../contract/error-text.ts';
import { EngineError } from '../../contract/errors.ts';
import { thrownText, verbatim, type MessageKey, type Text } from './text.ts';

// Every code and hint has a message: one without fails the typecheck here.
type CodeKey = `error_${EngineErrorCode}`;
type HintKey = `error_hint_${ErrorHint}`;
const _everyCodeHasAMessage: [CodeKey] extends [MessageKey] ? ([HintKey] extends [MessageKey] ? true : never) : never = true;

/** What went wrong, for anything thrown. */
export function errorText(err: unknown): Text {
  if (EngineError.is(err) && err.code) return { key: `error_${err.code}`, params: err.params ?? {} } as Text;
  return thrownText(err);
}

/** What the user can do about it, when the error says. */
export function hintText(err: EngineError): Text | null {
  if (err.code) {
    const hint = ERROR_TEXTS[err.code].hint;
    return hint === null ? null : ({ key: `error_hint_${hint}` } as Text);
  }
  return err.hint ? verbatim(err.hint) : null;
}
