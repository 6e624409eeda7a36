/**
 * The frame of every page and of the panels on it.
 *
 * `Page` carries the page's heading and, for pages that load data, `data-view-state` (`ready`
 * once what it shows is settled) with `data-view` (the address query it shows): the bench and
 * the end-to-end tests wait on those two instead of guessing from the markup. A panel that loads
 * its own data under a page that does not (a tab of the Upcoming page) carries them instead.
 */
import { useId, type ReactNode } from 'react';
import { useSearch } from 'wouter';
import { PageHeading } from './view-heading.tsx';

/** `ready` once the query has its answer and is not fetching a newer one; `view`, the address query. */
export function useQueryView(query: { isSuccess: boolean; isFetching: boolean }) {
  const search = useSearch();
  return { ready: query.isSuccess && !query.isFetching, view: search ? `?${search}` : '' };
}

function viewState(ready: boolean | undefined, view: string) {
  return {
    'data-view-state': ready === undefined ? undefined : ready ? 'ready' : 'loading',
    'data-view': ready === undefined ? undefined : view,
  };
}

export function Page({
  className,
  ready,
  view = '',
  title,
  line,
  aside,
  heading,
  children,
}: {
  className?: string;
  /** Left out on pages that show nothing loaded (settings). */
  ready?: boolean;
  view?: string;
  title?: string;
  line?: ReactNode;
  /** Beside the heading: the page's main action. */
  aside?: ReactNode;
  /** A heading of its own (`ViewHeading`) instead of `title` and `line`. */
  heading?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={className ? `page ${className}` : 'page'} {...viewState(ready, view)}>
      {heading ?? (title !== undefined && <PageHeading title={title} line={line} aside={aside} />)}
      {children}
    </div>
  );
}

/** A panel named by its heading; `aside` sits at the heading's side (a count, a switch, an action). */
export function Panel({
  id,
  title,
  className,
  aside,
  focusable,
  busy,
  ready,
  view = '',
  children,
}: {
  /** Names the heading `${id}-title` (for links and focus); without it, a generated one. */
  id?: string;
  title: ReactNode;
  className?: string;
  aside?: ReactNode;
  /** The heading can take focus: where focus goes when what had it disappears from the panel. */
  focusable?: boolean;
  busy?: boolean;
  /** As on `Page`, for a panel that loads what it shows on a page that does not. */
  ready?: boolean;
  view?: string;
  children: ReactNode;
}) {
  const generated = useId();
  const titleId = `${id ?? generated}-title`;
  return (
    <section
      className={className ? `panel ${className}` : 'panel'}
      aria-labelledby={titleId}
      aria-busy={busy}
      {...viewState(ready, view)}
    >
      <header className="panel-header">
        <h2 id={titleId} tabIndex={focusable ? -1 : undefined}>
          {title}
        </h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
