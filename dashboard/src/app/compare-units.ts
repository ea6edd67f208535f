// The comparison routes answer in the feature table's units, where DAYS_* fields are negative day
// counts (DAYS_BIRTH = -15000). The advisor reads years, as on the client's data page: this turns a
// distribution or a scatter into years, keeping the percentile's meaning ("older than X %").
import type { CompareField, Scatter } from './api.js';

const DAYS_PER_YEAR = 365.25;
export const isDays = (field: string): boolean => field.startsWith('DAYS_');
const years = (v: number): number => -v / DAYS_PER_YEAR;

export function compareInYears(f: CompareField): CompareField {
  if (!isDays(f.field)) return f;
  return {
    ...f,
    clientValue: f.clientValue === null ? null : years(f.clientValue),
    // Days ascend as years descend: "more days than p" is "fewer years than 1 - p" (ties count half both ways).
    percentile: f.percentile === null ? null : 1 - f.percentile,
    bins: f.bins.map((b) => ({ start: years(b.end), end: years(b.start), count: b.count })).reverse(),
  };
}

export function scatterInYears(s: Scatter, x: string, y: string): Scatter {
  const fx = isDays(x) ? years : (v: number) => v;
  const fy = isDays(y) ? years : (v: number) => v;
  return {
    points: s.points.map((p) => ({ x: fx(p.x), y: fy(p.y) })),
    client: {
      x: s.client.x === null ? null : fx(s.client.x),
      y: s.client.y === null ? null : fy(s.client.y),
    },
  };
}
