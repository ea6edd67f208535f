// Half-circle gauge of the probability of default, with the threshold marked by a tick and a label.
// The whole figure carries a text alternative; the numbers are also printed as text below it.
import type { Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { riskAndThreshold } from '../risk-and-threshold.js';

const cx = 120;
const cy = 120;
const r = 100;
const point = (p: number, radius: number): [number, number] => {
  const a = Math.PI * (1 - p);
  return [cx + radius * Math.cos(a), cy - radius * Math.sin(a)];
};
const arc = (from: number, to: number): string => {
  const [x1, y1] = point(from, r);
  const [x2, y2] = point(to, r);
  return `M ${x1} ${y1} A ${r} ${r} 0 0 1 ${x2} ${y2}`;
};

export function Gauge({ score }: { score: Score }) {
  const i18n = useI18n();
  const { t } = i18n;
  const p = Math.min(1, Math.max(0, score.probability));
  const th = Math.min(1, Math.max(0, score.threshold));
  const [nx, ny] = point(p, r - 18);
  const [t1x, t1y] = point(th, r - 16);
  const [t2x, t2y] = point(th, r + 16);
  const shown = riskAndThreshold(i18n, p, th);
  const label = t('gaugeLabel', { ...shown, d: t(score.decision) });
  return (
    <figure class="gauge">
      <svg viewBox="0 0 240 140" role="img" aria-label={label} width="240" height="140">
        <path d={arc(0, th)} class="zone-ok" stroke-width="18" fill="none" />
        <path d={arc(th, 1)} class="zone-risk" stroke-width="18" fill="none" stroke-dasharray="4 2" />
        <line x1={t1x} y1={t1y} x2={t2x} y2={t2y} class="tick" stroke-width="3" />
        <line x1={cx} y1={cy} x2={nx} y2={ny} class="needle" stroke-width="4" stroke-linecap="round" />
        <circle cx={cx} cy={cy} r="6" class="hub" />
        <text x="14" y="136" class="axis">
          0 %
        </text>
        <text x="200" y="136" class="axis">
          100 %
        </text>
      </svg>
      <figcaption>
        <strong>{t('riskIs', { p: shown.p })}</strong>
        <br />
        <span>{t('thresholdIs', { t: shown.t })}</span>
      </figcaption>
    </figure>
  );
}
