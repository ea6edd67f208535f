// `npm run build -w @credit/dashboard`: bundles the browser app into public/build/.
import { buildDashboard } from './build-dashboard.js';

const started = Date.now();
buildDashboard()
  .then(({ outDir }) => console.log(`dashboard built in ${Date.now() - started} ms -> ${outDir}`))
  .catch((err: unknown) => {
    console.error(`dashboard build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
