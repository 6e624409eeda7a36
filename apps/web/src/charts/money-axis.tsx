/**
 * The money axis of a chart drawn on a y scale: the tick labels at the left and the baseline,
 * and the grid lines across the plot at the same ticks. The caller draws the x-axis labels
 * inside the axis (`children`), which differ per chart.
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

/** A faint line across the plot at each tick, drawn under the marks. */
export function GridLines({
  ticks,
  y,
  width,
}: {
  ticks: readonly number[];
  y: (value: number) => number;
  width: number;
}) {
  return ticks.map((tick) => (
    <line key={tick} className="grid-line" x1={0} x2={width} y1={y(tick)} y2={y(tick)} />
  ));
}
