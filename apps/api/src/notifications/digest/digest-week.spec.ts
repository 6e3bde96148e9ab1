import { describe, expect, it } from '@jest/globals';
import { isoWeekKey, latestDigestSlot, type DigestSchedule } from './digest-week';

const MONDAY_9_UTC: DigestSchedule = { weekday: 'monday', time: '09:00', timezone: 'UTC' };
const at = (iso: string) => new Date(iso);

describe('latestDigestSlot', () => {
  it.each([
    // 2026-11-23 is a Monday (ISO week 48).
    ['2026-11-23T09:00:00Z', '2026-W48', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T08:59:59Z', '2026-W47', '2026-11-16T09:00:00.000Z'],
    ['2026-11-26T14:00:00Z', '2026-W48', '2026-11-23T09:00:00.000Z'],
    ['2026-11-29T23:59:59Z', '2026-W48', '2026-11-23T09:00:00.000Z'],
    ['2026-11-30T09:00:00Z', '2026-W49', '2026-11-30T09:00:00.000Z'],
  ])('Monday 09:00 UTC, at %s: week %s, due %s', (now, week, scheduledAt) => {
    expect(latestDigestSlot(MONDAY_9_UTC, at(now))).toEqual({ week, scheduledAt: at(scheduledAt) });
  });

  it('keys the week by ISO week across a year end', () => {
    // Monday 2026-12-28 is in 2026-W53; Monday 2027-01-04 starts 2027-W01.
    expect(latestDigestSlot(MONDAY_9_UTC, at('2027-01-02T12:00:00Z')).week).toBe('2026-W53');
    expect(latestDigestSlot(MONDAY_9_UTC, at('2027-01-04T09:00:00Z')).week).toBe('2027-W01');
  });

  it('reads the weekday and time in the schedule’s zone', () => {
    const berlin: DigestSchedule = { weekday: 'monday', time: '09:00', timezone: 'Europe/Berlin' };
    // 09:00 in Berlin in November is 08:00 UTC.
    expect(latestDigestSlot(berlin, at('2026-11-23T08:00:00Z')).scheduledAt).toEqual(at('2026-11-23T08:00:00Z'));
    expect(latestDigestSlot(berlin, at('2026-11-23T07:59:00Z')).week).toBe('2026-W47');
    // In July it is 07:00 UTC (summer time).
    expect(latestDigestSlot(berlin, at('2026-07-13T07:00:00Z'))).toEqual({
      week: '2026-W29',
      scheduledAt: at('2026-07-13T07:00:00Z'),
    });
  });

  it('uses the local date where it differs from the UTC date', () => {
    const tokyo: DigestSchedule = { weekday: 'monday', time: '08:00', timezone: 'Asia/Tokyo' };
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo: this week's digest is due.
    expect(latestDigestSlot(tokyo, at('2026-11-22T23:30:00Z'))).toEqual({
      week: '2026-W48',
      scheduledAt: at('2026-11-22T23:00:00.000Z'),
    });
    const la: DigestSchedule = { weekday: 'friday', time: '17:30', timezone: 'America/Los_Angeles' };
    // Saturday 01:00 UTC is Friday 17:00 in Los Angeles: not yet, last Friday's is the latest.
    expect(latestDigestSlot(la, at('2026-11-28T01:00:00Z')).scheduledAt).toEqual(at('2026-11-21T01:30:00Z'));
    expect(latestDigestSlot(la, at('2026-11-28T01:30:00Z')).scheduledAt).toEqual(at('2026-11-28T01:30:00Z'));
  });

  it('finds the right instant on the day clocks change', () => {
    // Europe/Berlin leaves summer time on Sunday 2026-10-25 at 03:00 local.
    const sunday: DigestSchedule = { weekday: 'sunday', time: '12:00', timezone: 'Europe/Berlin' };
    expect(latestDigestSlot(sunday, at('2026-10-25T12:00:00Z')).scheduledAt).toEqual(at('2026-10-25T11:00:00Z'));
    // And enters it on Sunday 2026-03-29 at 02:00 local.
    expect(latestDigestSlot(sunday, at('2026-03-29T12:00:00Z')).scheduledAt).toEqual(at('2026-03-29T10:00:00Z'));
  });

  it('moves a time skipped by the spring change an hour on, as clocks do', () => {
    const skipped: DigestSchedule = { weekday: 'sunday', time: '02:30', timezone: 'Europe/Berlin' };
    expect(latestDigestSlot(skipped, at('2026-03-29T12:00:00Z')).scheduledAt).toEqual(at('2026-03-29T01:30:00Z'));
  });

  it.each(['tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const)(
    'puts a %s digest on that weekday',
    (weekday) => {
      const slot = latestDigestSlot({ weekday, time: '00:00', timezone: 'UTC' }, at('2026-11-30T12:00:00Z'));
      const names = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
      expect(names[slot.scheduledAt.getUTCDay()]).toBe(weekday);
      expect(slot.scheduledAt.getTime()).toBeLessThanOrEqual(at('2026-11-30T12:00:00Z').getTime());
      expect(at('2026-11-30T12:00:00Z').getTime() - slot.scheduledAt.getTime()).toBeLessThan(7 * 86_400_000);
    },
  );
});

describe('isoWeekKey', () => {
  it.each([
    ['2026-01-01', '2026-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-26', '2026-W48'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekKey(Date.parse(`${date}T00:00:00Z`))).toBe(week);
  });
});
