/** Helpers for the hidden per-client risk factor r ~ N(0, 1) that drives TARGET and the visible signals. */

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * A probability tilted by risk: base * exp(k r - k²/2) keeps the population mean at `base` (for small
 * base) while riskier clients get more of the event.
 */
export function tilt(base: number, risk: number, k: number): number {
  return Math.min(0.95, base * Math.exp(k * risk - (k * k) / 2));
}

/** A uniform in (0, 1) correlated with `signal` (standard normal) by `rho`, from fresh noise. */
export function correlatedUniform(signal: number, rho: number, noise: number): number {
  return normalCdf(rho * signal + Math.sqrt(1 - rho * rho) * noise);
}
