/** A Float64Array that grows by doubling (amortized O(1) push, no per-row allocation). */
export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The values, in an array of exactly `length` (a copy, so the spare capacity is freed). */
  finish(): Float64Array {
    return this.data.length === this.length ? this.data : this.data.slice(0, this.length);
  }
}
