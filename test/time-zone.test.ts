import { describe, expect, it } from 'vitest';
import { addMonths, formatIsoDate, parseIsoDate } from '../src/platform/time/local-day.ts';
import { timeZone } from '../src/platform/time/zone.ts';

const paris = timeZone('Europe/Paris');
const day = (iso: string) => parseIsoDate(iso)!;

describe('Europe/Paris local days', () => {
  it('has 46, 48 and 50 half-hours on the spring, normal and autumn days', () => {
    expect(paris.slotCount(day('2026-03-29'), 1800)).toBe(46);
    expect(paris.slotCount(day('2026-03-30'), 1800)).toBe(48);
    expect(paris.slotCount(day('2026-10-25'), 1800)).toBe(50);
    expect(paris.slotCount(day('2025-10-26'), 600)).toBe(150);
  });

  it('starts each day at local midnight', () => {
    expect(new Date(paris.localDay(day('2026-03-29')).startMs).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(paris.localDay(day('2026-07-01')).startMs).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(paris.localDay(day('2026-10-26')).startMs).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('labels the spring day without the missing hour and ends it at next midnight', () => {
    const labels = paris.slotEndLabels(day('2026-03-29'), 1800);
    expect(labels.slice(2, 6)).toEqual(['2026-03-29 01:30:00', '2026-03-29 02:00:00', '2026-03-29 03:30:00', '2026-03-29 04:00:00']);
    expect(labels.at(-1)).toBe('2026-03-30 00:00:00');
  });

  it('labels the repeated autumn hour twice, in time order', () => {
    const labels = paris.slotEndLabels(day('2026-10-25'), 1800);
    expect(labels.slice(3, 9)).toEqual([
      '2026-10-25 02:00:00',
      '2026-10-25 02:30:00',
      '2026-10-25 03:00:00',
      '2026-10-25 02:30:00',
      '2026-10-25 03:00:00',
      '2026-10-25 03:30:00',
    ]);
    expect(labels).toHaveLength(50);
    expect(labels.at(-1)).toBe('2026-10-26 00:00:00');
  });

  it('finds the local day of an instant', () => {
    expect(formatIsoDate(paris.dayOf(Date.parse('2026-01-01T23:30:00Z')))).toBe('2026-01-02');
    expect(formatIsoDate(paris.dayOf(Date.parse('2026-07-01T21:59:59Z')))).toBe('2026-07-01');
  });

  it('parses only real calendar dates and adds months with clamping', () => {
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(formatIsoDate(addMonths(day('2026-03-31'), -1))).toBe('2026-02-28');
    expect(formatIsoDate(addMonths(day('2026-11-23'), -36))).toBe('2023-11-23');
  });
});
