import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const KEYS = { MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh', MONGODB_ATLAS_PRIVATE_API_KEY: 'secret-private-key' };

/** Returns the ConfigError message `loadConfig` raises for `env`. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults to demo mode on loopback port 4001', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('demo');
    expect(config.port).toBe(4001);
    expect(config.host).toBe('127.0.0.1');
    expect(config.atlasBaseUrl).toBe('https://cloud.mongodb.com');
    expect(config.cacheTtlMs).toBe(60_000);
    expect(config.pageSize).toBe(500);
    expect(config.introspection).toBe(true);
  });

  it('reads Atlas mode from the key pair', () => {
    const config = loadConfig({ ...KEYS, MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:9999/' });
    expect(config.mode).toBe('atlas');
    expect(config.credential).toEqual({ kind: 'apiKey', publicKey: 'abcdefgh', privateKey: 'secret-private-key' });
    expect(config.atlasBaseUrl).toBe('http://127.0.0.1:9999');
  });

  it('turns introspection off in production unless set', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('names the variable and the fix for each bad value', () => {
    expect(configError({ MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh' })).toContain(
      'MONGODB_ATLAS_PRIVATE_API_KEY is not set',
    );
    expect(configError({ PORT: 'eighty' })).toBe('Invalid PORT="eighty": expected an integer from 0 to 65535.');
    expect(configError({ HOST: 'not-a-host' })).toContain('Invalid HOST="not-a-host"');
    expect(configError({ LOG_LEVEL: 'loud' })).toContain('Invalid LOG_LEVEL="loud"');
    expect(configError({ ATLAS_PAGE_SIZE: '501' })).toContain('from 1 to 500');
    expect(configError({ GRAPHQL_INTROSPECTION: 'maybe' })).toContain('expected true or false');
    expect(configError({ MONGODB_ATLAS_BASE_URL: 'http://example.com' })).toContain('use https://');
    expect(configError({ MONGODB_ATLAS_BASE_URL: 'not a url' })).toContain('Invalid MONGODB_ATLAS_BASE_URL');
    expect(configError({ MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_x' })).toContain('not supported yet');
  });

  it('never puts the private key in a message', () => {
    const message = configError({ ...KEYS, MONGODB_ATLAS_BASE_URL: 'ftp://example.com' });
    expect(message).not.toContain('secret-private-key');
  });
});
