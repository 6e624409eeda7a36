/**
 * The money axis of a chart drawn on a y scale: the tick labels at the left and the baseline.
 * The caller draws the x-axis labels inside it (`children`), which differ per chart.
 */
import type { ReactNode } from 'react';

export function MoneyAxis({
  ticks,
  labels,
  y,
  width,
  height,
  children,
}: {
  ticks: readonly number[];
  /** One label per tick (`format.axisMoney(ticks)`). */
  labels: readonly string[];
  y: (value: number) => number;
  width: number;
  height: number;
  children?: ReactNode;
}) {
  return (
    <g className="axis" aria-hidden="true">
      {ticks.map((tick, i) => (
        <text key={tick} className="axis-label" x={-8} y={y(tick)} dy="0.33em" textAnchor="end">
          {labels[i]}
        </text>
      ))}
      <line x1={0} x2={width} y1={height} y2={height} />
      {children}
    </g>
  );
}
