import { z } from 'zod';
import { Uuid } from './dates.ts';

/**
 * The `patch` of an update (and the `set` of a bulk update): the fields to change, each optional,
 * no others, and at least one given — an update that changes nothing is refused, not logged.
 */
export function patchOf<Shape extends z.core.$ZodShape>(shape: Shape) {
  return z
    .strictObject(shape)
    .refine(
      (patch) => Object.values(patch).some((value) => value !== undefined),
      'Nothing to change',
    );
}

/** The input of an update of one row: its id, and the patch (`patchOf`) of what changes. */
export function updateOf<Patch extends z.ZodType>(patch: Patch) {
  return z.strictObject({ id: Uuid, patch });
}
