import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`, that really exists (no 2023-02-29). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

export const Uuid = z.uuid();
