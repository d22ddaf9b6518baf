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

const USAGE = [
  'Usage: npm run quarterly-review -- [--gateway URL] [--email EMAIL] [--json]',
  '  --gateway URL   gateway GraphQL URL; default $GATEWAY_URL, else',
  '                  http://127.0.0.1:$GATEWAY_PORT/graphql (GATEWAY_PORT defaults to 4000)',
  '  --email EMAIL   employee whose Atlas footprint query 3 shows; default carla.jones@acme.example',
  '  --json          print the three results as JSON instead of text',
].join('\n');

/** A mistake in the arguments; the only failure that prints the usage. */
class UsageError extends Error {}

/** Checks that `value` is an http(s) URL, so a missing scheme is not reported as unreachable. */
function gatewayUrlFrom(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `Invalid gateway URL "${value}": expected an http(s) URL such as http://127.0.0.1:4000/graphql.`,
    );
  }
  return url.href;
}

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
  const gatewayUrl = gatewayUrlFrom(
    values.gateway ??
      process.env.GATEWAY_URL ??
      `http://127.0.0.1:${parsePortEnv('GATEWAY_PORT', 4000)}/graphql`,
  );

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
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`Quarterly review failed: ${message}\n${usage ? `${USAGE}\n` : ''}`);
  process.exitCode = usage ? 2 : 1;
});
