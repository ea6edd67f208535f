// The dashboard is a browser app; this entry tells the server where its files are and how to build them.
import { fileURLToPath } from 'node:url';

/** Folder of the static files (index.html, css, and the bundle under build/) that serving hosts. */
export const dashboardStaticDir = fileURLToPath(new URL('../public', import.meta.url));

export { buildDashboard, isDashboardBuilt, type BuildOptions } from './build/build-dashboard.js';
