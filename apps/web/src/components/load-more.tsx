/**
 * The end of a paged list (an infinite query): a button for the next page while there is one,
 * "Loading…" while it comes, and a message when it failed (the pages already shown stay).
 */
import { FormError } from './form-error.tsx';

export function LoadMore({
  list,
  label,
}: {
  list: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isError: boolean;
    fetchNextPage: () => Promise<unknown>;
  };
  label: string;
}) {
  if (!list.hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button"
        // Not `disabled`: a disabled button drops keyboard focus mid-list.
        aria-disabled={list.isFetchingNextPage}
        onClick={() => {
          if (!list.isFetchingNextPage) void list.fetchNextPage();
        }}
      >
        {list.isFetchingNextPage ? 'Loading…' : label}
      </button>
      {list.isError && <FormError>Couldn’t load more. Try again.</FormError>}
    </div>
  );
}
