/** Text search on payee and description, committed after a short pause or on Enter. */
import { TextField } from '../components/text-field.tsx';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';

const SEARCH_DELAY_MS = 300;

export function SearchField({
  value,
  onChange,
}: {
  value: string;
  onChange: (search: string) => void;
}) {
  const { fieldProps } = useDebouncedCommit({
    value,
    delayMs: SEARCH_DELAY_MS,
    same: (text, committed) => text.trim() === committed,
    onCommit: (text) => {
      const trimmed = text.trim().slice(0, 200);
      if (trimmed !== value) onChange(trimmed);
    },
  });
  return (
    <TextField
      id="filter-search"
      label="Search"
      type="search"
      placeholder="Payee or description"
      autoComplete="off"
      fieldClassName="compact search-field"
      {...fieldProps}
    />
  );
}
