// Runs and their results in IndexedDB (through idb): a run's record, and one row per result so a
// long run writes one small row per problem, never the whole run again.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { EvalRun, ProblemResult } from './run.ts';

interface ResultRow extends ProblemResult {
  runId: string;
  /** Place in the run, so results come back in the order they were done. */
  order: number;
}

interface EvalDB extends DBSchema {
  runs: { key: string; value: EvalRun };
  results: { key: [string, string]; value: ResultRow; indexes: { 'by-run': string } };
}

export interface EvalStore {
  /** Newest first. */
  runs(): Promise<EvalRun[]>;
  putRun(run: EvalRun): Promise<void>;
  /** In the order they were done. */
  results(runId: string): Promise<ProblemResult[]>;
  putResult(runId: string, result: ProblemResult, order: number): Promise<void>;
  deleteRun(runId: string): Promise<void>;
}

const DB_NAME = 'seekpad-eval';

export function openEvalStore(): EvalStore {
  let db: Promise<IDBPDatabase<EvalDB>> | null = null;
  const open = (): Promise<IDBPDatabase<EvalDB>> => {
    db ??= openDB<EvalDB>(DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore('runs', { keyPath: 'id' });
        d.createObjectStore('results', { keyPath: ['runId', 'id'] }).createIndex('by-run', 'runId');
      },
    });
    return db;
  };
  return {
    async runs() {
      const all = await (await open()).getAll('runs');
      return all.sort((a, b) => b.createdAt - a.createdAt);
    },
    async putRun(run) {
      await (await open()).put('runs', run);
    },
    async results(runId) {
      const rows = await (await open()).getAllFromIndex('results', 'by-run', runId);
      return rows.sort((a, b) => a.order - b.order).map(({ runId: _run, order: _order, ...r }) => r);
    },
    async putResult(runId, result, order) {
      await (await open()).put('results', { ...result, runId, order });
    },
    async deleteRun(runId) {
      const d = await open();
      const tx = d.transaction(['runs', 'results'], 'readwrite');
      await tx.objectStore('runs').delete(runId);
      for (const key of await tx.objectStore('results').index('by-run').getAllKeys(runId)) await tx.objectStore('results').delete(key);
      await tx.done;
    },
  };
}
