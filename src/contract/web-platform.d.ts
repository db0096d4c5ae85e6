// The one platform type the contract names. The page (DOM) and the workers (WebWorker) declare
// Blob in full; this lets the contract compile with neither lib.
interface Blob {
  readonly size: number;
}
