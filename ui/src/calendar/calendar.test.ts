import { describe, expect, it } from 'vitest';
import type { Appointment } from '../api';
import { safeColour, tint, toColumns, toEvent } from './events';
import { shortcutFor } from './shortcuts';

const appointment: Appointment = {
  id: 'a1',
  clientId: 'c1',
  clientName: 'Amara Okonkwo',
  serviceId: 's1',
  serviceName: 'Sports massage',
  practitionerId: 'p-gone',
  practitionerName: 'Former Therapist',
  roomId: 'r1',
  roomName: 'Willow room',
  start: '2026-11-23T10:30',
  end: '2026-11-23T11:15',
  startMs: 0,
  endMs: 0,
  status: 'booked',
  colour: '#a0522d',
  cancelReason: null,
  lateCancellation: false,
  seriesId: null,
  overrideReason: null,
  hasPrecaution: false,
};

describe('calendar events', () => {
  it('hands wall-clock strings over untouched, coloured by service', () => {
    const event = toEvent(appointment);
    expect(event).toMatchObject({
      id: 'a1',
      resourceId: 'p-gone',
      start: '2026-11-23T10:30',
      end: '2026-11-23T11:15',
      classNames: ['appt'],
    });
    expect(event.styles).toEqual(['border-inline-start: 4px solid #a0522d']);
  });

  it('greys cancelled appointments', () => {
    const event = toEvent({ ...appointment, status: 'cancelled' });
    expect(event.classNames).toContain('is-cancelled');
    expect(event.styles[0]).not.toContain('#a0522d');
  });

  it('never puts an unchecked colour into a style', () => {
    expect(safeColour('red;background:url(x)')).toBe('#2f7d6d');
    expect(tint('#ffffff', 0.5)).toBe('rgb(255 255 255)');
    expect(tint('#000000', 1)).toBe('rgb(0 0 0)');
  });

  it('keeps a column for a therapist who left but still has appointments in view', () => {
    const columns = toColumns(
      [{ id: 'p1', displayName: 'Maya Patel', colour: '#2f7d6d', active: true }],
      [appointment],
    );
    expect(columns.map((c) => c.title)).toEqual(['Maya Patel', 'Former Therapist']);
    expect(columns[0]!.extendedProps.initials).toBe('MP');
  });
});

describe('calendar shortcuts', () => {
  function press(key: string, target: Element = document.body, init: KeyboardEventInit = {}) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
    Object.defineProperty(event, 'target', { value: target });
    return shortcutFor(event);
  }

  it('maps t, arrows and n', () => {
    expect(press('t')).toBe('today');
    expect(press('ArrowLeft')).toBe('prev');
    expect(press('ArrowRight')).toBe('next');
    expect(press('n')).toBe('new');
    expect(press('x')).toBeNull();
  });

  it('stays out of the way while typing, in dialogs and with modifiers', () => {
    const input = document.createElement('input');
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const button = document.createElement('button');
    dialog.append(button);
    document.body.append(input, dialog);
    expect(press('t', input)).toBeNull();
    expect(press('n', button)).toBeNull();
    expect(press('t', document.body, { ctrlKey: true })).toBeNull();
    expect(press('ArrowLeft', document.body, { altKey: true })).toBeNull();
  });
});
