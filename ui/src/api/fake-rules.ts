// The fake clinic's refusals and field rules, as the core words them (src/fields.rs,
// src/clients/search.rs). It is not the core: when the two disagree, the core is right.

import type { ApiError, Client } from './generated';

export class Refusal {
  constructor(readonly error: ApiError) {}
}

export function validation(field: string, message: string): Refusal {
  return new Refusal({ code: 'validation', message, field });
}

export function conflict(message: string, field?: string): Refusal {
  return new Refusal(field ? { code: 'conflict', message, field } : { code: 'conflict', message });
}

export function notFound(what: string): Refusal {
  return new Refusal({ code: 'not_found', message: `That ${what} no longer exists.` });
}

// ---- field rules (as in src/fields.rs) ----

function cleanText(raw: unknown): string {
  return String(raw ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}]/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
    .trim();
}

export function optionalLine(field: string, label: string, raw: unknown, max: number): string {
  const text = cleanText(raw).replace(/[\n\t]/g, ' ');
  if ([...text].length > max) throw validation(field, `${label} can be at most ${max} characters.`);
  return text;
}

export function requiredLine(field: string, label: string, raw: unknown, max: number): string {
  const text = optionalLine(field, label, raw, max);
  if (text === '') throw validation(field, `${label} is required.`);
  return text;
}

export function multiline(field: string, label: string, raw: unknown, max: number): string {
  const text = cleanText(raw);
  if ([...text].length > max) throw validation(field, `${label} can be at most ${max} characters.`);
  return text;
}

export function email(field: string, raw: unknown): string {
  const text = optionalLine(field, 'Email', raw, 254);
  if (text === '') return text;
  const at = text.indexOf('@');
  const local = at >= 0 ? text.slice(0, at) : '';
  const domain = at >= 0 ? text.slice(at + 1) : '';
  const valid =
    at > 0 &&
    local !== '' &&
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.') &&
    !domain.includes('@') &&
    !/\s/.test(text);
  if (!valid) throw validation(field, 'Email should look like name@example.com.');
  return text;
}

export function phone(field: string, raw: unknown): string {
  const text = optionalLine(field, 'Phone', raw, 32);
  if (text === '') return text;
  const allowed = /^[0-9 +\-.()]+$/.test(text);
  const digits = text.replace(/\D/g, '').length;
  if (!allowed || digits < 6 || digits > 15 || text.slice(1).includes('+')) {
    throw validation(field, 'Phone should be a number like +44 20 7946 0958.');
  }
  return text;
}

export function colour(field: string, raw: unknown): string {
  const text = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(text))
    throw validation(field, 'Colour should be written like #2f7d6d.');
  return text;
}

export function within(
  field: string,
  label: string,
  value: unknown,
  min: number,
  max: number,
): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw validation(field, `${label} must be between ${min} and ${max}.`);
  }
  return n;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function id(field: string, raw: unknown): string {
  const text = String(raw ?? '').trim();
  if (!UUID_RE.test(text)) throw validation(field, 'This reference is not valid.');
  return text.toLowerCase();
}

// ---- search (as in src/clients/search.rs) ----

function fold(text: string): string {
  const special: Record<string, string> = {
    ł: 'l',
    Ł: 'l',
    ø: 'o',
    Ø: 'o',
    ß: 'ss',
    æ: 'ae',
    Æ: 'ae',
    œ: 'oe',
    Œ: 'oe',
    đ: 'd',
    Đ: 'd',
    ð: 'd',
    Ð: 'd',
    þ: 'th',
    Þ: 'th',
    ı: 'i',
  };
  return [...text.normalize('NFKD').replace(/\p{M}/gu, '')]
    .map((c) => special[c] ?? c.toLowerCase())
    .join('');
}

export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

export function searchKey(client: Client): string {
  const parts = [client.givenName, client.familyName, client.preferredName, client.email].flatMap(
    words,
  );
  const digits = client.phone.replace(/\D/g, '');
  if (digits) parts.push(digits);
  if (client.email) parts.push(fold(client.email));
  return ' ' + parts.join(' ');
}
