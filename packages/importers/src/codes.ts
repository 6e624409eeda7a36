/** Recognising currency codes and IBANs in what banks write. */
import { type CurrencyCode } from '@outlay/contracts';

let currencySet: Set<string> | null = null;

/** An ISO 4217 code the platform knows (upper-cased), or null. */
export function currencyCode(text: string | null | undefined): CurrencyCode | null {
  const code = text?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{3}$/.test(code)) return null;
  currencySet ??= new Set(Intl.supportedValuesOf('currency'));
  return currencySet.has(code) ? code : null;
}

/** IBAN shape (country, check digits, up to 30 letters and digits), spaces removed. */
export function ibanOf(text: string | null): string | null {
  if (!text) return null;
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact) ? compact : null;
}
