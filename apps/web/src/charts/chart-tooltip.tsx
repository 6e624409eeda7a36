/** The tooltip every chart shows for the mark under the pointer or the keyboard cursor. */
import type { CategorySpend } from '@outlay/contracts';
import { TooltipWithBounds } from '@visx/tooltip';
import type { Formatters } from '../lib/format.ts';

export interface TooltipContent {
  title: string;
  /** The exact amount, never rounded. */
  amount: string;
  details: string[];
  color?: string;
}

export function ChartTooltip({
  left,
  top,
  content,
  fromKeyboard,
}: {
  left: number;
  top: number;
  content: TooltipContent;
  /** The cursor was moved with the keyboard: say which key drills in, rather than "click". */
  fromKeyboard: boolean;
}) {
  return (
    <TooltipWithBounds
      left={left}
      top={top}
      offsetLeft={14}
      offsetTop={14}
      unstyled
      applyPositionStyle
      className="tooltip"
    >
      <div className="tooltip-title">
        {content.color && (
          <span className="swatch" style={{ background: content.color }} aria-hidden="true" />
        )}
        {content.title}
      </div>
      <div className="tooltip-amount">{content.amount}</div>
      {content.details.map((line) => (
        <div className="tooltip-detail" key={line}>
          {line}
        </div>
      ))}
      <div className="tooltip-hint">
        {fromKeyboard ? 'Press Enter to see transactions' : 'Click to see transactions'}
      </div>
    </TooltipWithBounds>
  );
}

/** "Groceries: $1,234.56, 23.4% of spend, 41 transactions" for the live region. */
export function announce(content: TooltipContent): string {
  return [`${content.title}: ${content.amount}`, ...content.details].join(', ');
}

/** One category's tooltip, the same in the bar chart and the donut. */
export function categoryTooltip(category: CategorySpend, format: Formatters): TooltipContent {
  return {
    title: category.name,
    amount: format.money(category.spendMinor),
    details: [
      `${format.percent(category.share)} of spend`,
      format.countOf(category.transactionCount, 'transaction'),
    ],
    color: category.color,
  };
}
