import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`, that really exists (no 2023-02-29). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** The date domain: the earliest and latest calendar dates the product accepts. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

export const Uuid = z.uuid();
