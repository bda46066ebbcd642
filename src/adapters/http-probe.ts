/** The `verify.http` health gate: one GET, healthy on a 2xx within the timeout. */
import { formatDuration } from '../core/duration.js';
import type { HttpProbe } from '../core/ports.js';

/** Enough of an error page to say why, little enough to keep in the audit record. */
const BODY_READ_BYTES = 4096;
const DETAIL_BODY_CHARS = 200;

/** Why a request failed, by the error code undici puts in `cause`. */
const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};

/**
 * Redirects are not followed (`redirect: 'manual'`): a health gate must fail closed. A service that is down
 * behind a proxy often answers with a redirect to a login or status page that itself answers 200, which
 * would pass a release that should roll back. A 3xx is unhealthy, and its detail names the target so the
 * fix is one edit of `verify.http`.
 */
export class FetchProbe implements HttpProbe {
  async check(url: string, timeoutMs: number): Promise<{ healthy: boolean; detail: string }> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'GET',
        redirect: 'manual',
        signal,
        headers: { accept: '*/*', 'cache-control': 'no-cache', 'user-agent': 'monorepo-release health gate' },
      });
    } catch (error) {
      return { healthy: false, detail: describeRequestError(error, timeoutMs) };
    }
    const status = `HTTP ${response.status}`;
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => undefined);
      return { healthy: true, detail: status };
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      return {
        healthy: false,
        detail: location
          ? `${status} redirect to ${oneLine(location)} (redirects are not followed: set verify.http to the final URL)`
          : status,
      };
    }
    const body = oneLine(await readStart(response, BODY_READ_BYTES));
    return { healthy: false, detail: body ? `${status}: ${body}` : status };
  }
}

/** The first `max` bytes of the body (less if the timeout hits while reading); the rest is discarded. */
async function readStart(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // Timed out or reset while reading: the status already says enough.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/** Control characters and runs of whitespace collapsed, cut short: safe for a log line and the record. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return flat.length > DETAIL_BODY_CHARS ? `${flat.slice(0, DETAIL_BODY_CHARS)}…` : flat;
}

function describeRequestError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${formatDuration(timeoutMs)}`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const known = cause?.code ? NETWORK_ERRORS[cause.code] : undefined;
  if (known) return known;
  if (error instanceof TypeError && /invalid url|failed to parse url/i.test(error.message)) {
    return `invalid URL: ${oneLine(error.message)}`;
  }
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${oneLine(message)}`;
}
