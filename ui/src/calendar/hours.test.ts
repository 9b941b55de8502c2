import { describe, expect, it } from 'vitest';
import type { ClinicHours, TherapistHours } from '../api';
import { clinicOpen, offHours, therapistWorking, weekdayOf } from './hours';

const MONDAY = '2026-11-23';
const rota: TherapistHours = {
  practitionerId: 'p1',
  weekly: [{ weekday: 1, start: '09:00', end: '17:00' }],
  breaks: [{ weekday: 1, start: '12:00', end: '13:00' }],
  timeOff: [{ firstDay: '2026-11-30', lastDay: '2026-12-01', reason: '' }],
  dayChanges: [{ day: '2026-11-24', start: '10:00', end: '14:00' }],
};
const clinic: ClinicHours = {
  weekly: [{ weekday: 1, start: '08:00', end: '16:00' }],
  closures: [{ day: '2026-11-25', reason: 'Training' }],
};

describe('working-hours shading', () => {
  it('counts weekdays as the core does (1 = Monday … 7 = Sunday)', () => {
    expect(weekdayOf(MONDAY)).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(7);
  });

  it('reads a rota: weekly blocks less breaks, a day change replacing them, time off', () => {
    expect(therapistWorking(rota, MONDAY)).toEqual([
      [540, 720],
      [780, 1020],
    ]);
    expect(therapistWorking(rota, '2026-11-24')).toEqual([[600, 840]]);
    expect(therapistWorking(rota, '2026-11-30')).toEqual([]);
    // Nothing set up: the whole day is open (as the core treats it).
    expect(therapistWorking(undefined, MONDAY)).toEqual([[0, 1440]]);
    expect(clinicOpen(null, MONDAY)).toEqual([[0, 1440]]);
    expect(clinicOpen(clinic, '2026-11-25')).toEqual([]);
  });

  it('shades each therapist column outside their hours within opening hours', () => {
    const blocks = offHours([MONDAY], [{ id: 'p1' }], 'therapist', clinic, { p1: rota });
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [`${MONDAY}T00:00`, `${MONDAY}T09:00`],
      [`${MONDAY}T12:00`, `${MONDAY}T13:00`],
      [`${MONDAY}T16:00`, `${MONDAY}T23:59`],
    ]);
    expect(blocks.every((b) => b.display === 'background' && b.resourceIds[0] === 'p1')).toBe(true);
  });

  it('shades room columns by opening hours only, and nothing when none are set', () => {
    const rooms = offHours([MONDAY], [{ id: 'r1' }, { id: 'r2' }], 'room', clinic, {});
    expect(rooms.map((b) => [b.start, b.end])).toEqual([
      [`${MONDAY}T00:00`, `${MONDAY}T08:00`],
      [`${MONDAY}T16:00`, `${MONDAY}T23:59`],
    ]);
    expect(rooms[0]!.resourceIds).toEqual(['r1', 'r2']);
    expect(offHours([MONDAY], [{ id: 'p9' }], 'therapist', null, {})).toEqual([]);
  });
});
