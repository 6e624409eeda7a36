/**
 * The patch of an edit: the fields of `next` whose value differs from the record's, so that a
 * save sends only what changed (and nothing, when nothing did). Values are compared with `===`:
 * normalise them first (trimmed text, `null` for empty) the way the record stores them.
 */
export function changedFields<Record extends object, Key extends keyof Record>(
  record: Record,
  next: Pick<Record, Key>,
): Partial<Pick<Record, Key>> {
  const patch: Partial<Pick<Record, Key>> = {};
  for (const key of Object.keys(next) as Key[]) {
    if (next[key] !== record[key]) patch[key] = next[key];
  }
  return patch;
}
