/**
 * A chart's drawing area as one keyboard stop: its measured width, the cursor on one of its marks
 * (pointer or keys), the tooltip of that mark and the live region that reads it out.
 */
import { useParentSize } from '@visx/responsive';
import {
  useCallback,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { announce, ChartTooltip, type TooltipContent } from './chart-tooltip.tsx';

/**
 * Keyboard and pointer focus on one mark of a chart. The chart element is one tab stop; arrows
 * move, Home/End jump, Enter or Space activates (drills down), Escape clears.
 */
export function useChartCursor<Mark>(marks: readonly Mark[], onActivate: (mark: Mark) => void) {
  const [active, setActive] = useState<number | null>(null);
  const [fromKeyboard, setFromKeyboard] = useState(false);
  const count = marks.length;
  const current = active !== null && active < count ? active : null;

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (count === 0) return;
      let next: number;
      switch (event.key) {
        case 'ArrowRight':
        case 'ArrowDown':
          next = current === null ? 0 : Math.min(current + 1, count - 1);
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
          next = current === null ? count - 1 : Math.max(current - 1, 0);
          break;
        case 'Home':
          next = 0;
          break;
        case 'End':
          next = count - 1;
          break;
        case 'Enter':
        case ' ':
          if (current !== null) {
            event.preventDefault();
            onActivate(marks[current]!);
          }
          return;
        case 'Escape':
          setActive(null);
          return;
        default:
          return;
      }
      event.preventDefault();
      setFromKeyboard(true);
      setActive(next);
    },
    [count, current, marks, onActivate],
  );

  const hover = useCallback((index: number | null) => {
    setFromKeyboard(false);
    setActive(index);
  }, []);

  /** Activates the mark at `index` (a click on it), as Enter does for the one under the cursor. */
  const open = useCallback(
    (index: number) => {
      const mark = marks[index];
      if (mark !== undefined) onActivate(mark);
    },
    [marks, onActivate],
  );

  return {
    /** The index of the mark under the cursor, and the mark itself. */
    active: current,
    mark: current === null ? undefined : marks[current],
    fromKeyboard,
    hover,
    open,
    keyboardProps: {
      tabIndex: 0,
      onKeyDown,
      onBlur: () => setActive(null),
    },
  };
}

export type ChartCursor = ReturnType<typeof useChartCursor<unknown>>;

/** The width a chart has to draw in, measured from its container (`parentRef`). */
export function useChartWidth() {
  return useParentSize({ debounceTime: 30, ignoreDimensions: ['height', 'top', 'left'] });
}

/**
 * The chart's one keyboard stop: the drawing, the tooltip of the mark under the cursor (at
 * `tipAt`, in the drawing's coordinates) and the live region that reads it out as the arrow
 * keys move.
 */
export function ChartFocus({
  cursor,
  roleDescription,
  label,
  tip,
  tipAt,
  className,
  ref,
  children,
}: {
  cursor: ChartCursor;
  /** "bar chart", "line chart": what screen readers call the group. */
  roleDescription: string;
  /** What the chart shows and how the keys move in it. */
  label: string;
  tip: TooltipContent | null;
  tipAt: { left: number; top: number } | null;
  className?: string;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  return (
    <div
      className={className ? `chart-focus ${className}` : 'chart-focus'}
      ref={ref}
      role="group"
      aria-roledescription={roleDescription}
      aria-label={label}
      {...cursor.keyboardProps}
    >
      {children}
      {tip && tipAt && (
        <ChartTooltip
          left={tipAt.left}
          top={tipAt.top}
          content={tip}
          fromKeyboard={cursor.fromKeyboard}
        />
      )}
      <LiveLabel text={tip && cursor.fromKeyboard ? announce(tip) : null} />
    </div>
  );
}

/** Announces the focused mark to screen readers as the arrow keys move. */
function LiveLabel({ text }: { text: string | null }) {
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text ?? ''}
    </p>
  );
}

/**
 * The transparent area over a chart's plot that follows the pointer to the nearest mark and
 * opens the transactions behind a mark on click (the keyboard does both through `ChartFocus`).
 */
export function PlotHitArea({
  width,
  height,
  cursor,
  indexAt,
}: {
  width: number;
  height: number;
  cursor: Pick<ChartCursor, 'hover' | 'open'>;
  indexAt: (event: MouseEvent<SVGRectElement>) => number;
}) {
  return (
    <rect
      className="hit-area"
      x={0}
      y={0}
      width={width}
      height={height}
      onPointerMove={(event) => cursor.hover(indexAt(event))}
      onPointerLeave={() => cursor.hover(null)}
      onClick={(event) => cursor.open(indexAt(event))}
    />
  );
}
