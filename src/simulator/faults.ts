/**
 * Fault injection: canned responses, delays and hung requests for chosen paths, applied after
 * authentication and before the handler.
 */

/** A fault to inject. See docs/simulator.md for examples. */
export interface Fault {
  match: {
    /**
     * Exact path including `/api/atlas/v2` and without the query, or, when it starts with `^`,
     * a RegExp source tested against that path.
     */
    path: string;
    /** Only requests signed with this public key. */
    publicKey?: string;
    /** Only this page; a request without `pageNum` is page 1. */
    pageNum?: number;
  };
  /** Response to send in place of the handler's. The body defaults to an Atlas error body. */
  response?: { status: number; body?: unknown; headers?: Record<string, string> };
  /** How many matching requests the fault applies to. Default: all of them. */
  times?: number;
  /** Delay in milliseconds before the response (the fault's or the normal one). */
  delayMs?: number;
  /** Accept the request and never send headers, until the server closes. */
  hang?: boolean;
}

/** The request fields a fault can match on. */
export interface FaultRequest {
  path: string;
  publicKey: string;
  pageNum: number;
}

function invalid(field: string, expected: string): never {
  throw new TypeError(`Invalid fault: ${field} must be ${expected}.`);
}

/** Checks a fault received over HTTP or from a caller; throws a TypeError naming the field. */
export function validateFault(value: unknown): Fault {
  const fault = value as Fault;
  if (typeof fault !== 'object' || fault === null) invalid('the fault', 'a JSON object');
  if (typeof fault.match?.path !== 'string' || fault.match.path === '') {
    invalid('match.path', 'a non-empty string');
  }
  if (fault.match.path.startsWith('^')) {
    try {
      new RegExp(fault.match.path);
    } catch {
      invalid('match.path', 'a valid RegExp when it starts with ^');
    }
  }
  if (fault.match.pageNum !== undefined && !(Number.isInteger(fault.match.pageNum) &&
    fault.match.pageNum >= 1)) invalid('match.pageNum', 'an integer >= 1');
  const status = fault.response?.status;
  if (fault.response && !(Number.isInteger(status) && status! >= 100 && status! <= 599)) {
    invalid('response.status', 'an HTTP status between 100 and 599');
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) {
    invalid('times', 'an integer >= 1');
  }
  if (fault.delayMs !== undefined && !(typeof fault.delayMs === 'number' && fault.delayMs >= 0)) {
    invalid('delayMs', 'a number >= 0');
  }
  return fault;
}

interface ActiveFault {
  fault: Fault;
  pattern?: RegExp;
  remaining: number;
}

/** The ordered list of active faults; the first match wins and uses up one of its `times`. */
export class FaultList {
  #faults: ActiveFault[] = [];

  /** Adds a fault after the existing ones. */
  add(fault: Fault): void {
    validateFault(fault);
    const pattern = fault.match.path.startsWith('^') ? new RegExp(fault.match.path) : undefined;
    this.#faults.push({ fault, pattern, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** Returns the first fault matching the request and counts the use; undefined if none. */
  take(request: FaultRequest): Fault | undefined {
    const active = this.#faults.find(({ fault, pattern }) => {
      const pathMatches = pattern ? pattern.test(request.path) : fault.match.path === request.path;
      if (!pathMatches) return false;
      if (fault.match.publicKey !== undefined && fault.match.publicKey !== request.publicKey) {
        return false;
      }
      return fault.match.pageNum === undefined || fault.match.pageNum === request.pageNum;
    });
    if (!active) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== active);
    return active.fault;
  }
}
