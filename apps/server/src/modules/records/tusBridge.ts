import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bytes of request body queued ahead of the upload pipeline before the socket is paused. */
const BODY_QUEUE = 1024 * 1024;

/**
 * The request body as a web stream for @tus/server's `handleWeb`. Node's own `Readable.toWeb`
 * copies every chunk and pauses the socket after each 16 KiB; this passes the chunks through as
 * they are, with a 1 MiB queue — a large share of the request thread's work on a big upload.
 *
 * A client that disconnects mid-upload ends the stream normally: tus then keeps the bytes that
 * arrived (as it does for its own abort handling), the hash state stays valid, and the client
 * resumes from that offset without the server re-reading anything.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const end = () => {
          if (done) return;
          done = true;
          controller.close();
        };
        req.on('data', (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', end);
        req.once('close', end);
        req.once('error', end);
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.resume();
      },
    },
    { highWaterMark: BODY_QUEUE, size: (chunk) => chunk.byteLength },
  );
}

/** The Node.js request as a web Request, its body streamed (not buffered). */
export function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const hasBody =
    req.method !== 'GET' &&
    req.method !== 'HEAD' &&
    (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
  if (hasBody) {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, init);
}

/** Writes tus's answer (status, headers, a short text body) to the Node.js response. */
export async function sendWebResponse(res: ServerResponse, answer: Response): Promise<void> {
  const body = answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined;
  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(body);
}
