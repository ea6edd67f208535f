// A Vega-Lite chart, loaded on demand (Vega is large) and rendered without eval (CSP-safe interpreter).
// The chart is decorative for screen readers: callers give the same facts as text beside it.
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n.js';

export interface VegaChartProps {
  spec: Record<string, unknown>;
  label: string;
}

// d3-format locales so axis numbers read like the rest of the page (1 000 000 in French).
const formatLocales = {
  fr: { decimal: ',', thousands: '\u202f', grouping: [3], currency: ['', '\u00a0€'] },
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] },
};

export function VegaChart({ spec, label }: VegaChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const { lang } = useI18n();
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
        formatLocale: formatLocales[lang],
      });
      el.current?.querySelector('svg')?.setAttribute('aria-hidden', 'true');
      finalize = () => result.finalize();
    })();
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [JSON.stringify(spec), lang]);
  return <div class="chart" ref={el} role="img" aria-label={label} />;
}
