/**
 * Selecting rows with checkboxes: a click toggles one transaction; a shift-click sets every
 * transaction from the last one clicked (the anchor) to this one, in the order shown, to the
 * state of the clicked box. Rows are entries, so the lines of a split transaction share its id:
 * selecting is by transaction.
 */
export function selectRows(
  selected: ReadonlySet<string>,
  order: readonly string[],
  id: string,
  { checked, shift, anchor }: { checked: boolean; shift: boolean; anchor: string | null },
): Set<string> {
  const next = new Set(selected);
  const from = shift && anchor !== null ? order.indexOf(anchor) : -1;
  const to = order.indexOf(id);
  const ids = from >= 0 && to >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const one of ids) {
    if (checked) next.add(one);
    else next.delete(one);
  }
  return next;
}

/** Each transaction id once, in the order its first row is shown. */
export function distinctIds(rows: readonly { id: string }[]): string[] {
  return [...new Set(rows.map((row) => row.id))];
}
