import { describe, expect, it } from 'vitest';
import { OMEGA_FILES, OMEGA_WEB_SERVICES, OpeningCalendar, calendarProblems, type CalendarDefinition } from '../src/gateway/calendar.ts';
import { timeZone } from '../src/platform/time/zone.ts';

const paris = timeZone('Europe/Paris');
const at = (iso: string) => Date.parse(iso);
const ws = new OpeningCalendar(OMEGA_WEB_SERVICES, paris);

describe('opening calendar: OMEGA web services (R28, R32-R34)', () => {
  it('accepts writes in read/write hours and only reads outside them', () => {
    expect(ws.verdict(at('2026-11-24T10:00:00+01:00'), 'write')).toEqual({ state: 'open' });
    expect(ws.verdict(at('2026-11-24T22:00:00+01:00'), 'read')).toEqual({ state: 'open' });
    expect(ws.verdict(at('2026-11-24T22:00:00+01:00'), 'write')).toEqual({ state: 'read_only', writableAt: at('2026-11-25T08:00:00+01:00') });
    expect(ws.verdict(at('2026-11-25T07:59:00+01:00'), 'write').state).toBe('read_only');
  });

  it('closes on Monday 20:00-22:00 and Wednesday 19:00-22:00, reads included', () => {
    expect(ws.verdict(at('2026-11-23T19:59:00+01:00'), 'write')).toEqual({ state: 'open' });
    expect(ws.verdict(at('2026-11-23T20:00:00+01:00'), 'read')).toMatchObject({ state: 'closed', reopensAt: at('2026-11-23T22:00:00+01:00') });
    expect(ws.verdict(at('2026-11-23T21:00:00+01:00'), 'write')).toMatchObject({ state: 'closed', reopensAt: at('2026-11-24T08:00:00+01:00') });
    expect(ws.verdict(at('2026-11-25T19:30:00+01:00'), 'read')).toMatchObject({ state: 'closed', reason: expect.stringContaining('Wednesday') });
    expect(ws.verdict(at('2026-11-25T22:00:00+01:00'), 'read')).toEqual({ state: 'open' });
  });

  it('closes on the 3rd Saturday of the month from 16:00, and only on the 3rd', () => {
    // November 2026: Saturdays 7, 14, 21, 28
    expect(ws.verdict(at('2026-11-21T15:59:00+01:00'), 'write')).toEqual({ state: 'open' });
    expect(ws.verdict(at('2026-11-21T16:00:00+01:00'), 'read')).toMatchObject({ state: 'closed', reason: expect.stringContaining('3rd Saturday'), reopensAt: at('2026-11-21T22:00:00+01:00') });
    expect(ws.verdict(at('2026-11-21T16:00:00+01:00'), 'write')).toMatchObject({ state: 'closed', reopensAt: at('2026-11-22T08:00:00+01:00') });
    expect(ws.verdict(at('2026-11-14T17:00:00+01:00'), 'write')).toEqual({ state: 'open' });
    expect(ws.verdict(at('2026-11-28T17:00:00+01:00'), 'write')).toEqual({ state: 'open' });
  });

  it('keeps wall-clock hours on DST Sundays', () => {
    // 2026-10-25: 08:00 local is 07:00Z; 2026-03-29: 08:00 local is 06:00Z
    expect(ws.verdict(at('2026-10-25T06:59:00Z'), 'write').state).toBe('read_only');
    expect(ws.verdict(at('2026-10-25T07:00:00Z'), 'write')).toEqual({ state: 'open' });
    expect(ws.verdict(at('2026-03-29T05:30:00Z'), 'write')).toEqual({ state: 'read_only', writableAt: at('2026-03-29T06:00:00Z') });
  });
});

describe('opening calendar: closures and definitions', () => {
  it('closes the file channel from 16:00 on the 3rd Saturday until midnight', () => {
    const files = new OpeningCalendar(OMEGA_FILES, paris);
    expect(files.verdict(at('2026-11-21T23:30:00+01:00'), 'write')).toMatchObject({ state: 'closed', reopensAt: at('2026-11-22T00:00:00+01:00') });
    expect(files.verdict(at('2026-11-22T03:00:00+01:00'), 'write')).toEqual({ state: 'open' });
  });

  it('applies one-off closures on top of the weekly hours', () => {
    const definition: CalendarDefinition = { ...OMEGA_WEB_SERVICES, closedDates: [{ from: '2026-12-24T12:00', to: '2026-12-26T08:00', reason: 'Christmas closure' }] };
    const calendar = new OpeningCalendar(definition, paris);
    expect(calendar.verdict(at('2026-12-25T10:00:00+01:00'), 'read')).toEqual({ state: 'closed', reason: 'Christmas closure', reopensAt: at('2026-12-26T08:00:00+01:00') });
  });

  it('names what is wrong in a definition', () => {
    expect(calendarProblems({ writeHours: [{ days: ['mon'], from: '22:00', to: '06:00' }] })[0]).toContain('split a window that crosses midnight');
    expect(calendarProblems({ closedDates: [{ from: '2026-02-30T10:00', to: '2026-03-01T10:00', reason: 'x' }] })[0]).toContain('YYYY-MM-DDTHH:MM');
    expect(calendarProblems({ writeHours: [{ days: ['mon'], from: '8:00', to: '20:00' }] })[0]).toContain('HH:MM');
  });
});
