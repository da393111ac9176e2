/**
 * A chart drawn by ECharts (issue 20's dashboard): init on mount with the Chinese locale, setOption on
 * every change, resize with its box, dispose on unmount. Only the bar chart and the pieces it needs are
 * loaded (tree-shaken), in the dashboard's chunk alone.
 */
import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
export interface ChartClick { name: string; seriesName?: string; value: unknown }

export function EChart({ option, onClick, height = 280, testId }: { option: ChartOption; onClick?: (e: ChartClick) => void; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const c = init(box.current!, undefined, { locale: 'ZH', renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.({ name: String(e.name), seriesName: e.seriesName, value: e.value }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current!);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);

  useEffect(() => { chart.current?.setOption(option, { notMerge: true }); }, [option]);

  return <div ref={box} data-testid={testId} style={{ width: '100%', height }} />;
}
