// Errors that keep their name and advice across the worker boundary. Plain data in, plain data
// out: the page rebuilds an EngineError from what the worker sends.

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
] as const;
export type EngineErrorName = (typeof ERROR_NAMES)[number];

export interface EngineErrorData {
  name: EngineErrorName;
  message: string;
  /** What the user can do about it. */
  hint: string;
  /** The model file concerned, when there is one. */
  file?: string;
}

export class EngineError extends Error {
  override readonly name: EngineErrorName;
  readonly hint: string;
  readonly file?: string;

  constructor(data: EngineErrorData) {
    super(data.message);
    this.name = data.name;
    this.hint = data.hint;
    if (data.file !== undefined) this.file = data.file;
  }

  toJSON(): EngineErrorData {
    return { name: this.name, message: this.message, hint: this.hint, ...(this.file ? { file: this.file } : {}) };
  }

  static is(value: unknown): value is EngineError {
    return value instanceof EngineError;
  }

  static fromData(value: unknown): EngineError | null {
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<EngineErrorData>;
    if (typeof v.name !== 'string' || !(ERROR_NAMES as readonly string[]).includes(v.name)) return null;
    return new EngineError({
      name: v.name as EngineErrorName,
      message: typeof v.message === 'string' ? v.message : v.name,
      hint: typeof v.hint === 'string' ? v.hint : '',
      ...(typeof v.file === 'string' ? { file: v.file } : {}),
    });
  }
}
