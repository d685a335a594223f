import { Worker } from 'node:worker_threads';
import { silentProgress, type Progress } from '../platform/progress.ts';
import { GridStore } from '../grid/grid.store.ts';
import { readingsWriter } from '../metering/readings-writer.ts';
import type { Database } from '../platform/db/database.ts';
import { addMonths, type DayNumber } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import type { DemoWorkerData } from './load.worker.ts';
import { buildNetwork, type DemoNetwork } from './network.ts';
import type { ProfileSource } from './profiles.ts';
import { unpack, type PackedBatch } from './row-batch.ts';
import { DemoRowSource } from './row-source.ts';

export interface DemoLoadOptions {
  seed: string;
  electricityPoints: number;
  gasPoints: number;
  /** Local days [fromDay, toDay[. */
  fromDay: DayNumber;
  toDay: DayNumber;
  /** Generate on a worker thread while this thread writes; by default when the job is big enough to gain from it. */
  worker?: boolean;
  /** Rows per write call, i.e. per transaction (whole points: a batch may hold a little more). */
  batchRows?: number;
}

export interface DemoLoadReport {
  /** Usage points of the demo network (sandbox points included) and how many were new. */
  usagePoints: number;
  insertedUsagePoints: number;
  days: number;
  rows: number;
  seconds: number;
}


/** Below this many point-days, starting a worker costs more than it saves. */
const WORKER_THRESHOLD = 50_000;
const DEFAULT_BATCH_ROWS = 5000;

/** The demo history: 36 months and 15 days (the longest depth of the dialects) up to yesterday. */
export function defaultHistory(today: DayNumber): { fromDay: DayNumber; toDay: DayNumber } {
  return { fromDay: addMonths(today, -36) - 15, toDay: today };
}

/**
 * Loads the demo network (the parts not already there) and writes every
 * series of every demo point for [fromDay, toDay[. Idempotent: running it
 * again rewrites the same values.
 */
export async function loadDemo(database: Database, zone: TimeZone, options: DemoLoadOptions, progress: Progress = silentProgress): Promise<DemoLoadReport> {
  const started = performance.now();
  const network = buildNetwork(options.seed, options.electricityPoints, options.gasPoints);
  const inserted = await insertMissing(database, network);
  const rows = await writeDemoRows(database, zone, options.seed, network.usagePoints, options.fromDay, options.toDay, progress, options);
  return {
    usagePoints: network.usagePoints.length,
    insertedUsagePoints: inserted,
    days: Math.max(0, options.toDay - options.fromDay),
    rows,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The daily job of a demo hub: generates [fromDay, toDay[ (yesterday, or the
 * days missed while the hub was stopped) for every usage point in the
 * database, with exactly the values a full load would have written.
 * Meant for demo databases: it invents data for any point it finds. Gas day
 * D ends at D+1 06:00, so run it after 06:00 for yesterday's gas day to be over.
 */
export async function appendDays(
  database: Database, zone: TimeZone, seed: string, fromDay: DayNumber, toDay: DayNumber, progress: Progress = silentProgress,
): Promise<{ usagePoints: number; rows: number }> {
  const grid = new GridStore(database.db);
  const points: ProfileSource[] = [];
  for (let after: string | undefined; ; ) {
    const page = await grid.listUsagePoints({ after, limit: 1000 });
    points.push(...page);
    if (page.length < 1000) break;
    after = page[page.length - 1].id;
  }
  const rows = await writeDemoRows(database, zone, seed, points, fromDay, toDay, progress, {});
  return { usagePoints: points.length, rows };
}

/** Inserts the usage points not yet in the database, with their contracts and whatever customers and parties those need. */
async function insertMissing(database: Database, network: DemoNetwork): Promise<number> {
  const grid = new GridStore(database.db);
  const existingPoints = await grid.existingIds('usagePoints', network.usagePoints.map((p) => p.id));
  const usagePoints = network.usagePoints.filter((p) => !existingPoints.has(p.id));
  if (usagePoints.length === 0) return 0;
  const fresh = new Set(usagePoints.map((p) => p.id));
  const contracts = network.contracts.filter((c) => fresh.has(c.usagePointId));
  const customerIds = new Set(contracts.map((c) => c.customerId));
  const existingCustomers = await grid.existingIds('customers', [...customerIds]);
  const existingParties = await grid.existingIds('marketParties', network.parties.map((p) => p.id));
  await grid.insertNetwork({
    parties: network.parties.filter((p) => !existingParties.has(p.id)),
    customers: network.customers.filter((c) => customerIds.has(c.id) && !existingCustomers.has(c.id)),
    usagePoints,
    contracts,
  });
  return usagePoints.length;
}


async function writeDemoRows(
  database: Database, zone: TimeZone, seed: string, points: ProfileSource[], fromDay: DayNumber, toDay: DayNumber, progress: Progress, options: { worker?: boolean; batchRows?: number },
): Promise<number> {
  if (toDay <= fromDay || points.length === 0) return 0;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const pointDays = points.length * (toDay - fromDay);
  const useWorker = options.worker ?? pointDays >= WORKER_THRESHOLD;
  const batches = useWorker
    ? workerBatches({ seed, zoneName: zone.name, points: points.map(profileSource), fromDay, toDay, batchRows })
    : localBatches(new DemoRowSource(seed, zone, points, fromDay, toDay, batchRows));
  const writer = readingsWriter(database);
  let rows = 0;
  progress.start(pointDays, 'demo readings (point-days)');
  try {
    for await (const batch of batches) {
      await writer.write(unpack(batch));
      rows += batch.rows;
      progress.increment(batch.pointDays);
    }
  } finally {
    progress.stop();
  }
  return rows;
}

/** Only the fields the generator reads: what crosses to the worker. */
function profileSource(p: ProfileSource): ProfileSource {
  return {
    id: p.id, energy: p.energy, inseeCode: p.inseeCode, segment: p.segment, phaseCount: p.phaseCount, subscribedPowerKva: p.subscribedPowerKva, tariffOption: p.tariffOption,
    offpeakHours: p.offpeakHours, stepSeconds: p.stepSeconds, direction: p.direction, status: p.status, lastActivationDay: p.lastActivationDay, loadCurveCollection: p.loadCurveCollection,
  };
}

async function* localBatches(source: DemoRowSource): AsyncGenerator<PackedBatch> {
  for (let batch = source.nextBatch(); batch; batch = source.nextBatch()) yield batch;
}

type WorkerMessage = { batch: PackedBatch } | { done: true } | { error: string };

/** Batches generated on a worker thread; a few are asked for ahead so that generating and writing overlap. */
async function* workerBatches(data: DemoWorkerData, ahead = 3): AsyncGenerator<PackedBatch> {
  const worker = new Worker(new URL('./load.worker.ts', import.meta.url), { workerData: data });
  const inbox: WorkerMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (message: WorkerMessage) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the demo worker stopped (exit code ${code})`);
    notify();
  });
  try {
    for (let i = 0; i < ahead; i++) worker.postMessage('next');
    for (;;) {
      while (inbox.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = inbox.shift()!;
      if ('error' in message) throw new Error(`demo worker: ${message.error}`);
      if ('done' in message) return;
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}
