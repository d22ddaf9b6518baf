/** Builds clients against a fake Atlas and closes them, and the fakes, after each test. */
import { afterEach } from 'vitest';
import { AtlasClient, type AtlasClientOptions } from '../../src/atlas/client.js';
import type { LogFields, Logger } from '../../src/observability/logger.js';
import { startFakeAtlas, type FakeAtlas, type FakeAtlasOptions } from './fake-atlas.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

/** Starts a fake that is closed after the current test. */
export async function fakeAtlas(options: FakeAtlasOptions): Promise<FakeAtlas> {
  const fake = await startFakeAtlas(options);
  open.push(fake);
  return fake;
}

/** Returns a `sleep` that resolves at once and records each requested delay. */
export function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  return { delays, sleep };
}

/** Creates a client for `pub-test` / `priv-test` that is closed after the current test. */
export function clientFor(fake: FakeAtlas, options: Partial<AtlasClientOptions> = {}) {
  const client = new AtlasClient({
    baseUrl: fake.baseUrl,
    credential: { kind: 'apiKey', publicKey: 'pub-test', privateKey: 'priv-test' },
    sleep: async () => {},
    ...options,
  });
  open.push(client);
  return client;
}

/** One log call as a recording logger saw it. */
export interface LogRecord {
  level: string;
  event: string;
  message: string;
  fields?: LogFields;
}

/** Returns a logger that keeps every call, for tests that inspect logs. */
export function recordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at =
    (level: string) =>
    (event: string, message: string, fields?: LogFields) =>
      records.push({ level, event, message, fields });
  return {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    registerSecret() {},
    isLevelEnabled: () => true,
  };
}

/** Returns the rejection of `promise`, failing when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
