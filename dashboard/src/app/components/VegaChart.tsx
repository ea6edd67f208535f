// A Vega-Lite chart, loaded on demand (Vega is large) and rendered without eval (CSP-safe interpreter).
// The chart is decorative for screen readers: callers give the same facts as text beside it.
import { useEffect, useRef } from 'preact/hooks';

export interface VegaChartProps {
  spec: Record<string, unknown>;
  label: string;
}

export function VegaChart({ spec, label }: VegaChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void (async () => {
      const [{ default: embed }, { expressionInterpreter }] = await Promise.all([
        import('vega-embed'),
        import('vega-interpreter'),
      ]);
      if (cancelled || !el.current) return;
      const result = await embed(el.current, spec as never, {
        actions: false,
        renderer: 'svg',
        ast: true,
        expr: expressionInterpreter,
      });
      el.current?.querySelector('svg')?.setAttribute('aria-hidden', 'true');
      finalize = () => result.finalize();
    })();
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [JSON.stringify(spec)]);
  return <div class="chart" ref={el} role="img" aria-label={label} />;
}
