/**
 * `npm run quarterly-review`: runs the three access-review queries against a running gateway
 * and prints the results, as plain text by default or as JSON with `--json`.
 *
 * Options: `--gateway URL` (default env `GATEWAY_URL`, else
 * `http://127.0.0.1:$GATEWAY_PORT/graphql` with port 4000), `--email EMAIL` for the footprint
 * query (default carla.jones@acme.example), `--json`.
 */
import { parseArgs } from 'node:util';
import { queryOrThrow } from './graphql-client.js';
import { parsePortEnv } from './ports.js';
import { runPrivilegedAccessReview } from './review-privileged.js';
import { EMPLOYEE_FOOTPRINT_QUERY, runOrphanedAccessReview } from './review-queries.js';
import { renderReviewText, type FootprintEmployee, type ReviewReport } from './review-report.js';

const USAGE =
  'Usage: npm run quarterly-review -- [--gateway URL] [--email EMAIL] [--json]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      email: { type: 'string', default: 'carla.jones@acme.example' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const gatewayUrl =
    values.gateway ??
    process.env.GATEWAY_URL ??
    `http://127.0.0.1:${parsePortEnv('GATEWAY_PORT', 4000)}/graphql`;

  const email = values.email;
  const footprint = await queryOrThrow<{ employee: FootprintEmployee | null }>(
    gatewayUrl,
    EMPLOYEE_FOOTPRINT_QUERY,
    { email },
  );
  const report: ReviewReport = {
    orphanedAccess: await runOrphanedAccessReview(gatewayUrl),
    privilegedAccess: await runPrivilegedAccessReview(gatewayUrl),
    footprint: { email, employee: footprint.employee },
  };
  const output = values.json ? JSON.stringify(report, null, 2) : renderReviewText(report);
  process.stdout.write(`${output}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Quarterly review failed: ${message}\n${USAGE}\n`);
  process.exitCode = 1;
});
