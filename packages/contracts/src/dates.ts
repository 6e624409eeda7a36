import { z } from 'zod';
import { inDateDomain, MAX_DATE, MIN_DATE } from './calendar.ts';

/**
 * A calendar date, `YYYY-MM-DD`, that really exists (no 2023-02-29) and lies in Outlay's date
 * domain (MIN_DATE..MAX_DATE, see calendar.ts), so no range a client sends can make the server
 * walk centuries of days or write a date with a five-digit year.
 */
export const IsoDate = z.iso
  .date()
  .refine(inDateDomain, { message: `Dates must be between ${MIN_DATE} and ${MAX_DATE}` });
export type IsoDate = z.infer<typeof IsoDate>;

export const Uuid = z.uuid();

/** A number of things (rows, entries, months): a whole number, never negative. */
export const Count = z.number().int().min(0);
