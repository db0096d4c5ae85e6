// Comlink's default error handler drops everything but name, message and stack. This one sends
// an EngineError's hint and file too; both sides install it before any call.
import { transferHandlers, type TransferHandler } from 'comlink';
import { EngineError, type EngineErrorData } from './errors.ts';

type Thrown = { value: unknown };
type Wire = { engine: EngineErrorData } | { plain: { name: string; message: string; stack?: string } };

const handler: TransferHandler<Thrown, Wire> = {
  // Comlink tags thrown values with a private symbol; match it by its description.
  canHandle: (value: unknown): value is Thrown =>
    typeof value === 'object' &&
    value !== null &&
    Object.getOwnPropertySymbols(value).some((s) => s.description === 'Comlink.thrown'),
  serialize({ value }) {
    if (EngineError.is(value)) return [{ engine: value.toJSON() }, []];
    if (value instanceof Error) return [{ plain: { name: value.name, message: value.message, stack: value.stack } }, []];
    return [{ plain: { name: 'Error', message: String(value) } }, []];
  },
  deserialize(wire) {
    if ('engine' in wire) throw EngineError.fromData(wire.engine) ?? new Error(wire.engine.message);
    const err = new Error(wire.plain.message);
    err.name = wire.plain.name;
    if (wire.plain.stack) err.stack = wire.plain.stack;
    throw err;
  },
};

export function installErrorTransfer(): void {
  // Comlink marks thrown values itself; we replace how they are encoded.
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
