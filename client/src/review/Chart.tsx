import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { echarts, type EChartsCoreOption, type EChartsType } from './echarts';

/** What browser tests reach for on /review: each chart's echarts instance by its id. */
export interface ReviewTestHooks {
  charts: Record<string, EChartsType>;
}

declare global {
  interface Window {
    __ccReview?: ReviewTestHooks;
  }
}

const TEXT = '#dce7f3';
const DIM = '#8ea3b8';
const LINE = '#23405e';

/** The screen's look on the dark background, under every chart's own option. */
const BASE: EChartsCoreOption = {
  backgroundColor: 'transparent',
  textStyle: { color: TEXT, fontSize: 14 },
  legend: { textStyle: { color: TEXT, fontSize: 14 }, top: 0 },
  tooltip: { trigger: 'axis' },
  grid: { left: 48, right: 24, top: 40, bottom: 32, containLabel: false },
};

export const AXIS = {
  axisLine: { lineStyle: { color: DIM } },
  axisLabel: { color: TEXT, fontSize: 13 },
  splitLine: { lineStyle: { color: LINE } },
};

/**
 * One echarts chart (a canvas) filling its box: made with `echarts.init` on mount, given the
 * whole option again when it changes (`notMerge`), resized with its box, disposed on unmount.
 * A thin wrapper of our own rather than echarts-for-react: the instance is what tests read.
 */
export function Chart(props: { id: string; option: EChartsCoreOption }): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const { id, option } = props;

  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const hooks = (window.__ccReview ??= { charts: {} });
    hooks.charts[id] = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      if (hooks.charts[id] === instance) delete hooks.charts[id];
      instance.dispose();
      chart.current = null;
    };
  }, [id]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption({ ...BASE, ...option }, { notMerge: true });
    ref.current!.dataset.drawn = '1';
  }, [option]);

  return <div ref={ref} className="review__chart" data-chart={id} />;
}
