import type { ByteRange } from './fileStore.js';

/**
 * The one byte range of a `Range: bytes=…` header (RFC 9110 §14.1.2) for a body of `size` bytes:
 * `undefined` to send the whole body (no header, a unit other than bytes, or several ranges, which
 * a server may answer in full), 'unsatisfiable' for a 416. Browsers seeking in a video send one
 * range (`bytes=N-`).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // Suffix range: the last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return 'unsatisfiable';
  return { start, end };
}

/** `inline` (or `attachment`) with an ASCII fallback name and the exact UTF-8 name (RFC 6266, RFC 8187). */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Types a browser may show inline from our origin: pictures, audio, video, PDF and plain text.
 * Anything else (HTML, SVG, scripts — which could run in our origin) is sent as a download.
 */
const INLINE_TYPES =
  /^(image\/(png|jpeg|gif|webp|bmp|avif)|video\/(mp4|webm|ogg|quicktime)|audio\/(mpeg|mp4|ogg|wav|x-wav|webm|aac|x-m4a|flac)|application\/pdf|text\/plain)$/;

export function servedType(mimeType: string): { contentType: string; inline: boolean } {
  const t = mimeType.toLowerCase();
  if (!INLINE_TYPES.test(t)) return { contentType: 'application/octet-stream', inline: false };
  return { contentType: t === 'text/plain' ? 'text/plain; charset=utf-8' : t, inline: true };
}
