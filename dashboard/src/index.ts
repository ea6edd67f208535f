// The dashboard is a browser app; this entry only tells the server where its built files are.
import { fileURLToPath } from 'node:url';

/** Folder of the built static files (made by `npm run build -w @credit/dashboard`). */
export const dashboardStaticDir = fileURLToPath(new URL('../public', import.meta.url));
