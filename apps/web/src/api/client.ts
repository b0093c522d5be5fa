/**
 * The one way the console talks to /api: sends the session's CSRF token on every write,
 * turns error bodies into ApiError (with the server's Chinese message), and sends the user
 * back to the login page when the session has ended.
 */

export interface ErrorItem {
  row?: number;
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly errors?: ErrorItem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Routes whose 401 is an answer for the page itself, not an ended session. */
const AUTH_PROBES = ['/api/auth/login', '/api/auth/me'];

let onUnauthorized: () => void = () => {
  if (window.location.pathname !== '/login') {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  }
};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; field?: string; errors?: ErrorItem[] } = {};
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy page, an empty body): fall back to a generic message below.
  }
  const fallback =
    res.status >= 500
      ? '服务器暂时无法处理请求，请稍后重试'
      : res.status === 403
        ? '您没有执行此操作的权限'
        : '请求失败';
  return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? fallback, body.field, body.errors);
}

async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: payload ?? null,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !AUTH_PROBES.some((p) => path.startsWith(p))) onUnauthorized();
    throw error;
  }
  return res;
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

export const api = {
  get: async <T>(path: string, query?: Query, signal?: AbortSignal) =>
    json<T>(await send('GET', withQuery(path, query), undefined, signal)),
  post: async <T>(path: string, body?: unknown) => json<T>(await send('POST', path, body ?? {})),
  patch: async <T>(path: string, body: unknown) => json<T>(await send('PATCH', path, body)),
  put: async <T>(path: string, body: unknown) => json<T>(await send('PUT', path, body)),
  /** POSTs JSON and returns the answer as a file (an instrument draft rendered from the form). */
  postForBlob: async (path: string, body: unknown) => (await send('POST', path, body)).blob(),
  /** multipart upload with the file under the field name `file`. */
  upload: async <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return json<T>(await send('POST', path, form));
  },
  /** Fetches a file (Excel export, template) and hands it to the browser as a download. */
  download: async (path: string, fallbackName: string) => {
    const res = await send('GET', path);
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filenameOf(res, fallbackName);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** The message to show a person for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}
