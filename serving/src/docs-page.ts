import { openApiDocument } from './openapi.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained HTML page (no CDN, no script) listing the routes and schemas of the OpenAPI document. */
export function docsPage(): string {
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2><pre>${escapeHtml(JSON.stringify(op, null, 2))}</pre></section>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Credit scoring API</title><style>body{font:16px system-ui;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style></head><body><h1>Credit scoring API</h1><p>Machine-readable document: <a href="/openapi.json">/openapi.json</a>.</p>${rows.join('')}</body></html>`;
}
