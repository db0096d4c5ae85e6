// A worker thread does not inherit tsx's loader: register it, then run the TypeScript shell.
import { register } from 'tsx/esm/api';

register();
await import('./python-worker.ts');
