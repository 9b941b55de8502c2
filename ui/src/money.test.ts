import { describe, expect, it } from 'vitest';
import { formatMoney, majorText, parseMoney } from './money';

describe('money', () => {
  it('formats minor units in the currency’s own digits', () => {
    expect(formatMoney(6500, 'GBP')).toMatch(/£65\.00/);
    expect(formatMoney(1250, 'JPY')).toMatch(/1,250/);
  });

  it('reads prices as typed', () => {
    expect(parseMoney('65', 'GBP')).toBe(6500);
    expect(parseMoney('65.5', 'GBP')).toBe(6550);
    expect(parseMoney('65,50', 'EUR')).toBe(6550);
    expect(parseMoney('1,250.00', 'USD')).toBe(125000);
    expect(parseMoney('1250', 'JPY')).toBe(1250);
    expect(parseMoney('sixty', 'GBP')).toBeNull();
    expect(parseMoney('-5', 'GBP')).toBeNull();
    expect(majorText(6550, 'GBP')).toBe('65.50');
  });
});
