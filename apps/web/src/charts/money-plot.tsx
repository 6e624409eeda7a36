/**
 * The frame of a chart plotted against a money scale (spend over time, a budget against what was
 * spent): the grid under the chart's own marks, the axes over them, and on top the area that
 * follows the pointer to the nearest mark and opens it on click.
 */
import { Group } from '@visx/group';
import type { MouseEvent, ReactNode } from 'react';
import type { Formatters } from '../lib/format.ts';
import { PlotHitArea, type ChartCursor } from './chart-focus.tsx';
import { GridLines, MoneyAxis, moneyScale, type MoneyScale, type XLabel } from './money-axis.tsx';

type Margin = { top: number; right: number; bottom: number; left: number };

export interface MoneyPlotLayout {
  /** The whole drawing, margins included. */
  width: number;
  height: number;
  margin: Margin;
  /** The plot inside the margins. */
  plot: { width: number; height: number };
  /** The y scale over the plot, for the amounts drawn. */
  scale: MoneyScale;
}

/** Where a money chart of `width` × `height` draws, and its y scale for `amounts`. */
export function moneyPlotLayout({
  width,
  height,
  margin,
  amounts,
  format,
}: {
  width: number;
  height: number;
  margin: Margin;
  amounts: readonly number[];
  format: Pick<Formatters, 'digits' | 'axisMoney'>;
}): MoneyPlotLayout {
  const plot = {
    width: Math.max(width - margin.left - margin.right, 10),
    height: height - margin.top - margin.bottom,
  };
  return { width, height, margin, plot, scale: moneyScale(amounts, plot.height, format) };
}

export function MoneyPlot({
  layout: { width, height, margin, plot, scale },
  xLabels,
  cursor,
  indexAt,
  defs,
  children,
}: {
  layout: MoneyPlotLayout;
  xLabels: readonly XLabel[];
  cursor: Pick<ChartCursor, 'hover' | 'open'>;
  /** The mark under a pointer event on the plot. */
  indexAt: (event: MouseEvent<SVGRectElement>) => number;
  /** Gradients and patterns the marks fill with. */
  defs?: ReactNode;
  /** The chart's marks. */
  children: ReactNode;
}) {
  return (
    <svg width={width} height={height} className="chart-svg" aria-hidden="true">
      {defs && <defs>{defs}</defs>}
      <Group left={margin.left} top={margin.top}>
        <GridLines scale={scale} width={plot.width} />
        {children}
        <MoneyAxis scale={scale} width={plot.width} height={plot.height} xLabels={xLabels} />
        <PlotHitArea width={plot.width} height={plot.height} cursor={cursor} indexAt={indexAt} />
      </Group>
    </svg>
  );
}
