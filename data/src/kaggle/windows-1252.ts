/**
 * Decodes Windows-1252 bytes (what Kaggle's "Latin-1" column dictionary really is: byte 0x85 is an
 * ellipsis). Node's TextDecoder('latin1') maps 0x80-0x9F to invisible C1 controls, hence this table.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const codes = Array.from(bytes.subarray(i, i + 4096), (b) =>
      b >= 0x80 && b < 0xa0 ? (HIGH[b - 0x80] ?? b) : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** True when bytes are valid UTF-8 with at least one multi-byte sequence (a re-encoded dictionary). */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  let multi = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    const n = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (n < 0 || b >= 0xf5) return false;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    i += n;
    multi = true;
  }
  return multi;
}
