/**
 * Entry point of `npm run bench`, which runs bench/main.ts. Exits with status 1 when a
 * call-count target fails, a response is wrong or the benchmark itself fails.
 */

// graphql-js chooses slower development-mode checks when it is first imported unless NODE_ENV
// is production. The container image sets NODE_ENV=production, so the benchmark measures that
// mode unless the caller sets NODE_ENV. The main module is imported only after this line.
process.env.NODE_ENV ??= 'production';

try {
  const { main } = await import('./main.js');
  process.exitCode = (await main()) ? 0 : 1;
} catch (error) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Benchmark failed: ${detail}\n`);
  process.exitCode = 1;
}

export {};
