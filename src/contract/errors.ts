// Errors that keep their name and advice across the worker boundary. Plain data in, plain data
// out: the page rebuilds an EngineError from what the worker sends.
import { ERROR_CODES, ERROR_HINTS, ERROR_TEXTS, fill, validParams, type EngineErrorCode, type ErrorParams, type ParamsOf } from './error-text.ts';

export const ERROR_NAMES = [
  'ModelFileNotFoundError',
  'DownloadError',
  'LoadCancelledError',
  'ModelFormatError',
  'GpuError',
  'NoModelLoadedError',
  'GenerationError',
  'WorkerCrashedError',
  'StorageFullError',
  'ServerError',
] as const;
export type EngineErrorName = (typeof ERROR_NAMES)[number];

export interface EngineErrorData {
  name: EngineErrorName;
  message: string;
  /** What the user can do about it. */
  hint: string;
  /** The model file concerned, when there is one. */
  file?: string;
  /** Which explanation this is (error-text.ts): the page shows it in the user's language. */
  code?: EngineErrorCode;
  /** The values in the code's message. */
  params?: ErrorParams;
}

export class EngineError extends Error {
  override readonly name: EngineErrorName;
  readonly hint: string;
  readonly file?: string;
  readonly code?: EngineErrorCode;
  readonly params?: ErrorParams;

  constructor(data: EngineErrorData) {
    super(data.message);
    this.name = data.name;
    this.hint = data.hint;
    if (data.file !== undefined) this.file = data.file;
    // A code is kept only with the name and values it is written for.
    if (data.code !== undefined && ERROR_TEXTS[data.code].name === data.name && validParams(data.code, data.params ?? {})) {
      this.code = data.code;
      this.params = { ...data.params };
    }
  }

  /** The error for `code`, its message and hint written in English from the templates. */
  static of<C extends EngineErrorCode>(code: C, params: ParamsOf<C>, file?: string): EngineError {
    const text = ERROR_TEXTS[code];
    return new EngineError({
      name: text.name,
      message: fill(text.message, params),
      hint: text.hint === null ? '' : ERROR_HINTS[text.hint],
      code,
      params,
      ...(file ? { file } : {}),
    });
  }

  toJSON(): EngineErrorData {
    return {
      name: this.name,
      message: this.message,
      hint: this.hint,
      ...(this.file ? { file: this.file } : {}),
      ...(this.code ? { code: this.code, params: { ...this.params } } : {}),
    };
  }

  static is(value: unknown): value is EngineError {
    return value instanceof EngineError;
  }

  static fromData(value: unknown): EngineError | null {
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<EngineErrorData>;
    if (typeof v.name !== 'string' || !(ERROR_NAMES as readonly string[]).includes(v.name)) return null;
    // A code the page does not know, or values that do not fit it: the English text stands.
    const code = typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) ? v.code : undefined;
    return new EngineError({
      name: v.name as EngineErrorName,
      message: typeof v.message === 'string' ? v.message : v.name,
      hint: typeof v.hint === 'string' ? v.hint : '',
      ...(typeof v.file === 'string' ? { file: v.file } : {}),
      ...(code ? { code, params: v.params } : {}),
    });
  }
}
