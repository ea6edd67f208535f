/**
 * Interns text cells straight from the CSV bytes: a cell's bytes are hashed while the parser scans
 * them and looked up in an open-addressing table, so a value seen before costs no string allocation;
 * only a new distinct value is decoded (UTF-8) once. Codes are given in order of first appearance.
 *
 * The hash is FNV-1a over the cell's little-endian 32-bit words, then over its last 0-3 bytes: the
 * parser reads text four bytes at a time (see csv-columns.ts), and the byte compare that confirms a
 * match goes four bytes at a time too. Every method takes the bytes twice, as a Uint8Array and as a
 * DataView over the same memory (`viewOf`), so the hot loops create no view per cell.
 */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** A DataView over exactly the bytes of `b`. */
export function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export class ByteInterner {
  /** Decoded distinct values; index = code. */
  readonly values: string[] = [];
  private slots: Int32Array = new Int32Array(64).fill(-1);
  private hashes: Int32Array = new Int32Array(16);
  private starts: Int32Array = new Int32Array(16);
  private lengths: Int32Array = new Int32Array(16);
  private pool: Uint8Array = new Uint8Array(256);
  private poolView: DataView = viewOf(this.pool);
  private used = 0;

  /** Hash of bytes b[s..e) (`view` = viewOf(b)); the parser computes the same inline while scanning. */
  static hash(b: Uint8Array, view: DataView, s: number, e: number): number {
    let h = FNV_OFFSET;
    let i = s;
    for (; i + 4 <= e; i += 4) h = Math.imul(h ^ view.getInt32(i, true), FNV_PRIME);
    for (; i < e; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
    return h;
  }

  /** Code of the value whose UTF-8 bytes are b[s..e) with hash `h` (`view` = viewOf(b)). */
  intern(b: Uint8Array, view: DataView, s: number, e: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = e - s;
    let slot = h & mask;
    for (;;) {
      const code = this.slots[slot]!;
      if (code < 0) return this.add(b, s, e, h, slot);
      if (this.hashes[code] === h && this.lengths[code] === len && this.same(code, b, view, s, len))
        return code;
      slot = (slot + 1) & mask;
    }
  }

  /** Code of a decoded value (quoted cells, whose bytes differ from the value's). */
  internString(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    const view = viewOf(bytes);
    return this.intern(bytes, view, 0, bytes.length, ByteInterner.hash(bytes, view, 0, bytes.length));
  }

  private same(code: number, b: Uint8Array, view: DataView, s: number, len: number): boolean {
    const pool = this.pool;
    const poolView = this.poolView;
    const at = this.starts[code]!;
    let k = 0;
    for (; k + 4 <= len; k += 4)
      if (poolView.getInt32(at + k, true) !== view.getInt32(s + k, true)) return false;
    for (; k < len; k++) if (pool[at + k] !== b[s + k]) return false;
    return true;
  }

  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const code = this.values.length;
    const len = e - s;
    if (code === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    if (this.used + len > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.used + len));
      next.set(this.pool);
      this.pool = next;
      this.poolView = viewOf(next);
    }
    this.pool.set(b.subarray(s, e), this.used);
    this.hashes[code] = h;
    this.starts[code] = this.used;
    this.lengths[code] = len;
    this.used += len;
    this.values.push(Buffer.from(b.buffer, b.byteOffset + s, len).toString('utf8'));
    this.slots[slot] = code;
    // Keep the table at most half full.
    if ((code + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      let slot = this.hashes[code]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.slots = slots;
  }
}

function grow(a: Int32Array): Int32Array {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

export { FNV_OFFSET, FNV_PRIME };
