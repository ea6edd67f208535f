/** Column arithmetic with IEEE semantics (x/0 = ±Infinity, 0/0 = NaN), as pandas computes it. */
export function divide(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! / b[i]!;
  return out;
}

export function subtract(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

/** `x if x > 0 else 0`: negatives, zero and missing all become 0 (the DPD/DBD rule). */
export function positiveOrZero(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! > 0 ? a[i]! : 0;
  return out;
}
