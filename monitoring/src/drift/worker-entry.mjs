// Plain-JS entry of the drift worker threads: the sources are TypeScript, so when this thread has no
// TypeScript loader yet (the `credit` bin registers tsx in the main thread only), register tsx here.
try {
  await import('./worker.ts');
} catch (e) {
  if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { register } = await import('tsx/esm/api');
  register();
  await import('./worker.ts?tsx'); // another URL: the failed import above stays cached under the plain one
}
