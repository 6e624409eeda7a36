/**
 * The money axis of a chart and the scale under it. `moneyScale` turns the amounts a chart draws
 * into its y scale with round ticks and their labels; `MoneyAxis` draws those labels at the left,
 * the baseline, and the x-axis labels the chart places along it; `GridLines` draws a faint line
 * across the plot at each tick.
 */
import type { Formatters } from '../lib/format.ts';
import { linearScale, valueExtent, type LinearScale } from '../lib/linear-scale.ts';

export interface MoneyScale {
  y: LinearScale;
  ticks: readonly number[];
  /** One label per tick. */
  labels: readonly string[];
}

/** A y scale from `height` (zero) up to the largest amount, with about four round ticks. */
export function moneyScale(
  amounts: readonly number[],
  height: number,
  format: Pick<Formatters, 'digits' | 'axisMoney'>,
): MoneyScale {
  // An all-zero period still gets a readable axis: zero to one major unit.
  const y = linearScale(valueExtent(amounts, 0, 10 ** format.digits), [height, 0], {
    nice: 4,
    integer: true,
  });
  const ticks = y.ticks(4);
  return { y, ticks, labels: format.axisMoney(ticks) };
}

/** A label under the plot at `x`; `mark` draws a short tick above it. */
export interface XLabel {
  key: string | number;
  x: number;
  text: string;
  anchor?: 'start' | 'middle' | 'end';
  mark?: boolean;
}

export function MoneyAxis({
  scale,
  width,
  height,
  xLabels,
}: {
  scale: MoneyScale;
  width: number;
  height: number;
  xLabels: readonly XLabel[];
}) {
  return (
    <g className="axis" aria-hidden="true">
      {scale.ticks.map((tick, i) => (
        <text
          key={tick}
          className="axis-label"
          x={-8}
          y={scale.y(tick)}
          dy="0.33em"
          textAnchor="end"
        >
          {scale.labels[i]}
        </text>
      ))}
      <line x1={0} x2={width} y1={height} y2={height} />
      {xLabels.map((label) => (
        <g key={label.key} transform={`translate(${label.x}, ${height})`}>
          {label.mark && <line y2={5} />}
          <text className="axis-label" y={18} textAnchor={label.anchor ?? 'middle'}>
            {label.text}
          </text>
        </g>
      ))}
    </g>
  );
}

/** A faint line across the plot at each tick, drawn under the marks. */
export function GridLines({ scale, width }: { scale: MoneyScale; width: number }) {
  return scale.ticks.map((tick) => (
    <line
      key={tick}
      className="grid-line"
      x1={0}
      x2={width}
      y1={scale.y(tick)}
      y2={scale.y(tick)}
    />
  ));
}
