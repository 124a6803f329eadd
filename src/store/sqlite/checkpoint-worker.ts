/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database file,
 * running a PASSIVE checkpoint whenever the main thread says the WAL has grown. PASSIVE never
 * waits for or blocks the writer; pages a reader still needs are left for the next round.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync((workerData as { path: string }).path);
db.exec('PRAGMA busy_timeout = 1000');
db.exec('PRAGMA synchronous = NORMAL');

parentPort!.on('message', (m: 'checkpoint' | 'close') => {
  if (m === 'close') { db.close(); parentPort!.close(); return; }
  try {
    const r = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { busy: number; log: number; checkpointed: number };
    parentPort!.postMessage({ done: true, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort!.postMessage({ done: true, error: (e as Error).message });
  }
});
