import type { IncomingMessage } from 'node:http';

// How Slack's Web API reads a request: a form (`application/x-www-form-urlencoded`, what the SDK
// sends) whose non-scalar arguments are JSON strings, or a JSON body; query-string arguments count too.
// The token is the `Authorization: Bearer` header or, failing that, a `token` argument.

// Arguments the SDK JSON-stringifies into the form because they are arrays or objects.
const JSON_ARGS = ['blocks', 'attachments', 'metadata', 'files'];

export type ParsedApiRequest =
  | { args: Record<string, unknown>; token: string | undefined }
  | { malformed: 'invalid_json' | 'invalid_form_data' };

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A JSON-valued argument parsed; one that is not valid JSON stays a string for the method to refuse. */
function parseJsonArg(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function parseApiRequest(req: IncomingMessage, rawBody: string, query: URLSearchParams): ParsedApiRequest {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const args: Record<string, unknown> = Object.fromEntries(query);
  if (contentType === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(rawBody) as unknown;
    } catch {
      return { malformed: 'invalid_json' };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { malformed: 'invalid_json' };
    Object.assign(args, body);
  } else if (contentType === 'application/x-www-form-urlencoded' || (contentType === '' && rawBody === '')) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(rawBody)));
  } else {
    return { malformed: 'invalid_form_data' };
  }
  for (const key of JSON_ARGS) {
    const value = args[key];
    if (typeof value === 'string') args[key] = parseJsonArg(value);
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof args.token === 'string' && args.token !== '' ? args.token : undefined);
  return { args, token };
}
