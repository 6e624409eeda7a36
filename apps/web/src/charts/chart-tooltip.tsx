/** The tooltip every chart shows for the mark under the pointer or the keyboard cursor. */
import { TooltipWithBounds } from '@visx/tooltip';
import type { ReactNode } from 'react';

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
  hint,
}: {
  left: number;
  top: number;
  content: TooltipContent;
  hint: ReactNode;
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
      <div className="tooltip-hint">{hint}</div>
    </TooltipWithBounds>
  );
}

/** "Groceries: $1,234.56, 23.4% of spend, 41 transactions" for the live region. */
export function announce(content: TooltipContent): string {
  return [`${content.title}: ${content.amount}`, ...content.details].join(', ');
}
