import { Session, type Profiler } from 'node:inspector/promises';
import { fmt } from './support.ts';

export type Frame = Profiler.ProfileNode['callFrame'];
/** Named groups of samples; the first group whose test matches a frame of the sample's stack wins. */
export type ProfileGroups = [string, (f: Frame) => boolean][];

/** A CPU profile of this process's main thread while `work` runs. */
export async function profiled<T>(work: () => Promise<T>): Promise<{ profile: Profiler.Profile; result: T }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return { profile, result };
}

/** Prints the share of the main thread and the microseconds per request of each group. */
export function printGroups(profile: Profiler.Profile, requests: number, groups: ProfileGroups): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map(groups.map(([name]) => [name, 0]));
  let total = 0;
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const t = deltas[i] ?? 0;
    total += t;
    const stack: Frame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!.callFrame);
    const [name] = groups.find(([, test]) => stack.some(test)) ?? ['other'];
    totals.set(name, (totals.get(name) ?? 0) + t);
  });
  console.log(`  main thread sampled ${fmt(total / 1e6, 2)} s for ${requests.toLocaleString('en-US')} requests: ${fmt(total / requests, 0)} us per request`);
  for (const [name, t] of totals) console.log(`  ${fmt((100 * t) / total, 1).padStart(5)} %  ${fmt(t / requests, 0).padStart(4)} us  ${name}`);
}
