/**
 * Structured JSON logger with stable event ids and redaction of registered secrets.
 * Modules receive a `Logger` through their options and never call `console` directly.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Fields attached to one log event. Values are serialised as JSON. */
export type LogFields = Record<string, unknown>;

/** Logger interface every module depends on. `event` is a stable id such as `atlas.request`. */
export interface Logger {
  debug(event: string, message: string, fields?: LogFields): void;
  info(event: string, message: string, fields?: LogFields): void;
  warn(event: string, message: string, fields?: LogFields): void;
  error(event: string, message: string, fields?: LogFields): void;
  /** Registers a secret value; every later log line replaces it with `[REDACTED]`. */
  registerSecret(value: string | undefined): void;
  isLevelEnabled(level: LogLevel): boolean;
}

/** Options for `createLogger`. */
export interface LoggerOptions {
  /** Lowest level written. Default `info`. */
  level?: LogLevel;
  /** Sink for log lines. Default: one JSON line per event on stderr. */
  write?: (line: string) => void;
  /** Clock for the `time` field. Default `Date.now`. */
  now?: () => number;
}

/** Field names whose values are always replaced, whatever they contain. */
const SECRET_FIELD = /authorization|password|secret|privatekey|private_key|token|cookie/i;

/** Creates a logger that writes one JSON object per line. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? Date.now;
  const secrets = new Set<string>();

  const redact = (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
    return out;
  };

  const emit = (level: LogLevel, event: string, message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[level] < threshold) return;
    const record = { time: new Date(now()).toISOString(), level, event, message, ...fields };
    const line = JSON.stringify(record, (key, value) =>
      key && SECRET_FIELD.test(key) && typeof value === 'string' ? '[REDACTED]' : value,
    );
    write(redact(line));
  };

  return {
    debug: (event, message, fields) => emit('debug', event, message, fields),
    info: (event, message, fields) => emit('info', event, message, fields),
    warn: (event, message, fields) => emit('warn', event, message, fields),
    error: (event, message, fields) => emit('error', event, message, fields),
    registerSecret(value) {
      // Very short values would redact ordinary words, so they are not registered.
      if (value && value.length >= 6) secrets.add(value);
    },
    isLevelEnabled: (level) => LEVEL_ORDER[level] >= threshold,
  };
}

/** A logger that drops everything, for tests that do not inspect logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  registerSecret() {},
  isLevelEnabled: () => false,
};
