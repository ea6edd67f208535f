// Bundles the browser app (src/app/main.tsx) into public/build/ with esbuild.
// Code splitting keeps Vega (large) out of the first page: it loads when a chart is shown.
import { rename, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildOptions {
  /** Folder that receives app.js and its chunks (default: dashboard/public/build). */
  outDir?: string;
  /** Minify (default true). */
  minify?: boolean;
}

const appEntry = fileURLToPath(new URL('../app/main.tsx', import.meta.url));
export const defaultBuildDir = fileURLToPath(new URL('../../public/build', import.meta.url));

/** True when the bundle exists, so a server can skip building. */
export function isDashboardBuilt(outDir: string = defaultBuildDir): boolean {
  return existsSync(join(outDir, 'app.js'));
}

/** Builds the bundle into a temporary folder, then swaps it in (no half-written bundle is ever served). */
export async function buildDashboard(options: BuildOptions = {}): Promise<{ outDir: string }> {
  const outDir = options.outDir ?? defaultBuildDir;
  const tmpDir = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  const { build } = await import('esbuild');
  await mkdir(tmpDir, { recursive: true });
  await build({
    entryPoints: { app: appEntry },
    outdir: tmpDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    sourcemap: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await rm(outDir, { recursive: true, force: true });
  await rename(tmpDir, outDir);
  return { outDir };
}
