import { parentPort, workerData } from 'node:worker_threads';
import { timeZone } from '../platform/time/zone.ts';
import type { ProfileSource } from './profiles.ts';
import { transferList } from './row-batch.ts';
import { DemoRowSource } from './row-source.ts';

/**
 * Generates demo rows on a second core while the main thread writes them.
 * The main thread asks for each batch ("next"), which bounds the memory held
 * by batches waiting to be written.
 */
export interface DemoWorkerData {
  seed: string;
  zoneName: string;
  points: ProfileSource[];
  fromDay: number;
  toDay: number;
  batchRows: number;
}

const data = workerData as DemoWorkerData;
const source = new DemoRowSource(data.seed, timeZone(data.zoneName), data.points, data.fromDay, data.toDay, data.batchRows);

parentPort!.on('message', () => {
  try {
    const batch = source.nextBatch();
    if (batch) parentPort!.postMessage({ batch }, transferList(batch));
    else parentPort!.postMessage({ done: true });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
