// Money crosses the wire as integer minor units plus an ISO 4217 code; this is the one place
// that turns it into text for people, and back.

function formatter(currency: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency });
  } catch {
    return new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

/** How many minor units make one major unit (100 for GBP, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  const digits = formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/** 6500, 'GBP' → "£65.00" (in the reader's locale). */
export function formatMoney(minor: number, currency: string): string {
  return formatter(currency).format(minor / minorPerMajor(currency));
}

/** The amount typed in major units ("65", "65.50") as minor units, or null when unreadable. */
export function parseMoney(text: string, currency: string): number | null {
  let cleaned = text.trim().replace(/\s/g, '');
  if (cleaned.includes('.')) cleaned = cleaned.replace(/,/g, '');
  else if (/,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  else cleaned = cleaned.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * minorPerMajor(currency));
}

/** Minor units as the plain number a person would type ("65.00"). */
export function majorText(minor: number, currency: string): string {
  const per = minorPerMajor(currency);
  const digits = Math.round(Math.log10(per));
  return (minor / per).toFixed(digits);
}
