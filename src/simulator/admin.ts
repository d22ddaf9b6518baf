/**
 * Control endpoints for tests that run the simulator as a separate process. They need no
 * authentication and are not counted as API requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateFault } from './faults.js';
import type { SimulatorState } from './server.js';

/** Every control path starts with this. */
export const ADMIN_PREFIX = '/__simulator/';

/** Largest fault body accepted, in bytes. */
const MAX_BODY_BYTES = 64 * 1024;

function reply(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new TypeError(`Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new TypeError('Request body is not valid JSON.');
  }
}

async function addFault(state: SimulatorState, req: IncomingMessage, res: ServerResponse) {
  try {
    const fault = validateFault(await readJson(req));
    state.faults.add(fault);
    reply(res, 201, { added: fault });
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    reply(res, 400, { error: 400, reason: 'Bad Request', detail: error.message });
  }
}

/**
 * Serves `GET /__simulator/counters`, `POST /__simulator/counters/reset`,
 * `POST /__simulator/faults` (a JSON fault) and `DELETE /__simulator/faults`.
 */
export async function handleAdminRequest(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
  switch (route) {
    case 'GET /__simulator/counters':
      return reply(res, 200, state.counters);
    case 'POST /__simulator/counters/reset':
      state.counters = { total: 0, challenges: 0, byPath: {} };
      return reply(res, 204);
    case 'POST /__simulator/faults':
      return addFault(state, req, res);
    case 'DELETE /__simulator/faults':
      state.faults.clear();
      return reply(res, 204);
    default:
      return reply(res, 404, { error: 404, reason: 'Not Found',
        detail: `No simulator control endpoint ${route}.` });
  }
}
