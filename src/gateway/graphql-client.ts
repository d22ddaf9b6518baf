/** A minimal GraphQL-over-HTTP client for the review script and the end-to-end tests. */

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** A GraphQL response body. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

/** Options for `postGraphQL`. */
export interface PostGraphQLOptions {
  /** Abort the request after this many milliseconds. Default 30 000. */
  timeoutMs?: number;
}

/** POSTs one operation as JSON and returns the parsed body, errors included. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: PostGraphQLOptions = {},
): Promise<GraphQLResponse<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(
      `Cannot reach the gateway at ${url} (${cause}): start it with "npm run gateway", ` +
        'or pass --gateway URL (or set GATEWAY_PORT) when it listens elsewhere.',
    );
  }
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    throw new Error(`POST ${url} returned ${response.status} with a non-JSON body: ` +
      text.slice(0, 200));
  }
}

/** Like `postGraphQL`, but throws when the response has errors or no data. */
export async function queryOrThrow<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const body = await postGraphQL<T>(url, query, variables);
  if (body.errors?.length || !body.data) {
    const messages = (body.errors ?? []).map((error) => {
      const code = error.extensions?.code ?? 'no code';
      return `${error.message} [${String(code)}] at ${(error.path ?? []).join('.') || 'root'}`;
    });
    throw new Error(`GraphQL request to ${url} failed: ${messages.join('; ') || 'no data'}`);
  }
  return body.data;
}
