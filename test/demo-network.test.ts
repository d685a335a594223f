import communes from '@etalab/decoupage-administratif/data/communes.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { isHoliday } from '../src/demo/calendar.ts';
import { buildNetwork } from '../src/demo/network.ts';
import { DEMO_PARTIES } from '../src/demo/parties.ts';
import { hash3, Random } from '../src/demo/random.ts';
import { SANDBOX_PROFILES, SANDBOX_USAGE_POINT_IDS } from '../src/demo/sandbox.ts';
import { isPce, isPrm, isSegmentFor } from '../src/grid/usage-point.ts';
import { parseIsoDate } from '../src/platform/time/local-day.ts';

const SEED = 'gridgate-test';
const network = buildNetwork(SEED, 1000, 200);
const byCode = new Map((communes as { code: string; type: string; codesPostaux?: string[] }[]).filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));

describe('demo network', () => {
  it('is a pure function of the seed and the counts, and a bigger network keeps the smaller one', () => {
    expect(buildNetwork(SEED, 1000, 200)).toEqual(network);
    expect(buildNetwork('other-seed', 1000, 200).usagePoints.map((p) => p.id)).not.toEqual(network.usagePoints.map((p) => p.id));
    const smaller = buildNetwork(SEED, 300, 0);
    expect(smaller.usagePoints).toEqual(network.usagePoints.slice(0, smaller.usagePoints.length));
  });

  it('has 1,000 electricity and 200 gas points plus the sandbox, with valid and unique ids', () => {
    const electricity = network.usagePoints.filter((p) => p.energy === 'electricity');
    const gas = network.usagePoints.filter((p) => p.energy === 'gas');
    expect(electricity).toHaveLength(1000 + SANDBOX_USAGE_POINT_IDS.size);
    expect(gas).toHaveLength(200);
    expect(new Set(network.usagePoints.map((p) => p.id)).size).toBe(network.usagePoints.length);
    for (const p of electricity) expect(isPrm(p.id)).toBe(true);
    for (const p of gas) expect(isPce(p.id)).toBe(true);
    expect(gas.some((p) => p.id.startsWith('GI'))).toBe(true);
    for (const p of network.usagePoints) expect(isSegmentFor(p.energy, p.segment)).toBe(true);
  });

  it('places points in real communes with one of their postal codes', () => {
    for (const p of network.usagePoints.filter((x) => !SANDBOX_USAGE_POINT_IDS.has(x.id))) {
      const commune = byCode.get(p.inseeCode);
      expect(commune, p.inseeCode).toBeDefined();
      expect(commune!.codesPostaux).toContain(p.postalCode);
    }
    // Weighted by population: the big cities come up often.
    expect(network.usagePoints.filter((p) => p.inseeCode === '75056').length).toBeGreaterThan(10);
  });

  it('mixes segments, steps, tariffs and a few opposed load curves', () => {
    const count = (f: (p: (typeof network.usagePoints)[number]) => unknown) => new Set(network.usagePoints.map(f)).size;
    expect(count((p) => p.segment)).toBeGreaterThanOrEqual(8);
    expect(new Set(network.usagePoints.map((p) => p.stepSeconds))).toEqual(new Set([600, 900, 1800, 3600, 86_400]));
    expect(new Set(network.usagePoints.map((p) => p.direction))).toEqual(new Set(['consumption', 'production', 'both']));
    expect(network.usagePoints.filter((p) => p.loadCurveCollection === 'opposed').length).toBeGreaterThan(10);
    for (const p of network.usagePoints.filter((x) => x.tariffOption === 'HC')) expect(p.offpeakHours).toMatch(/^HC \(\d{1,2}H\d{2}-\d{1,2}H\d{2}(;\d{1,2}H\d{2}-\d{1,2}H\d{2})*\)$/);
  });

  it('links every point to customers and suppliers over time, with one holder at a time', () => {
    const customers = new Map(network.customers.map((c) => [c.id, c]));
    const parties = new Set(DEMO_PARTIES.map((p) => p.id));
    let previousHolders = 0;
    for (const p of network.usagePoints) {
      const contracts = network.contracts.filter((c) => c.usagePointId === p.id).sort((a, b) => a.startDay - b.startDay);
      expect(contracts.length).toBeGreaterThan(0);
      for (const [i, c] of contracts.entries()) {
        expect(customers.has(c.customerId)).toBe(true);
        expect(parties.has(c.supplierId)).toBe(true);
        if (i + 1 < contracts.length) expect(c.endDay).toBe(contracts[i + 1].startDay);
      }
      const last = contracts.at(-1)!;
      expect(last.endDay === null).toBe(p.status === 'in_service');
      if (new Set(contracts.map((c) => c.customerId)).size > 1) previousHolders++;
    }
    expect(previousHolders).toBeGreaterThan(100);
    for (const c of network.customers) {
      expect(c.id).toMatch(/^\d{10}$/);
      expect(c.kind === 'person' ? c.lastName : c.companyName).toBeTruthy();
      expect(c.email).toMatch(/@(test\.)?[a-z0-9.-]*example\.(com|net|org)$/);
    }
  });

  it('gives the contracts of C1-C4 and P1-P3 points the demo balance responsible party, and C5, P4 and gas ones none', () => {
    const responsible = DEMO_PARTIES.filter((p) => p.role === 'balance_responsible').map((p) => p.id);
    expect(responsible).toEqual(['BRP-EQUILIBRE']);
    const points = new Map(network.usagePoints.map((p) => [p.id, p]));
    const bySegment = new Map<string, Set<string | null>>();
    for (const c of network.contracts) {
      const point = points.get(c.usagePointId)!;
      const key = point.energy === 'gas' ? 'gas' : point.segment;
      bySegment.set(key, (bySegment.get(key) ?? new Set()).add(c.balanceResponsibleId ?? null));
    }
    // The sandbox brings C1; the generator C2 and C4 (a few percent of 1,000 points).
    expect(Object.fromEntries([...bySegment].map(([k, v]) => [k, [...v]]))).toEqual({ C1: ['BRP-EQUILIBRE'], C2: ['BRP-EQUILIBRE'], C4: ['BRP-EQUILIBRE'], C5: [null], P4: [null], gas: [null] });
  });

  it('includes every sandbox PRM once, with its documented customer', () => {
    const ids = SANDBOX_PROFILES.flatMap((s) => s.usagePointIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SANDBOX_PROFILES.filter((s) => s.stateDigit !== null).map((s) => s.stateDigit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ids).toEqual(expect.arrayContaining(['22516914714270', '12345678901234', '10284856584123', '64975835695673', '63695879465986', '22315546958763', '99999999999999', '11111111111111', '14000000000001']));
    for (const profile of SANDBOX_PROFILES) {
      for (const id of profile.usagePointIds) expect(network.contracts.find((c) => c.usagePointId === id)?.customerId).toBe(profile.customerId);
    }
  });
});

describe('demo randomness and calendar', () => {
  it('hashes are stable across runs and machines', () => {
    expect(hash3(1, 2, 3)).toBe(hash3(1, 2, 3));
    expect(new Random(42).next()).toBe(new Random(42).next());
    expect(new Set(Array.from({ length: 1000 }, (_, i) => hash3(7, i, 0))).size).toBe(1000);
  });

  it('knows French public holidays, and the two extra ones of Alsace-Moselle', () => {
    const day = (iso: string) => parseIsoDate(iso)!;
    expect(isHoliday(day('2025-07-14'))).toBe(true);
    expect(isHoliday(day('2025-06-09'))).toBe(true); // Whit Monday
    expect(isHoliday(day('2025-07-15'))).toBe(false);
    expect(isHoliday(day('2025-12-26'))).toBe(false);
    expect(isHoliday(day('2025-12-26'), true)).toBe(true);
  });
});
