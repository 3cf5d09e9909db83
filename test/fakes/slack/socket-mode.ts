import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

// Slack's Socket Mode server side: `apps.connections.open` hands out a single-use URL; on connect the
// server greets with `hello` (the SDK's start() resolves on it), pushes envelopes
// `{envelope_id, type, payload, accepts_response_payload}` and expects the client to answer each with
// `{envelope_id, payload}` within 3 s; `{type:"disconnect"}` asks the client to reconnect. The fake
// sends no server pings: the SDK only watches for them after a first one arrives. With several open
// connections (one app's replicas, up to 10 in Slack), each envelope goes to one of them, spread in
// turn, as Slack distributes them.

export const ACK_TIMEOUT_MS = 3000;
const HOST = 'fake-slack-127.0.0.1';

export interface EnvelopeOptions {
  /** Defaults to true for everything but `events_api`, as Slack sends it. */
  acceptsResponsePayload?: boolean;
  /** How long to wait for the client's ack (Slack gives up after 3 s). */
  ackTimeoutMs?: number;
}

export interface SocketModeServer {
  /** A fresh `ws://…/socket?ticket=…` URL that accepts one connection. */
  issueUrl(): string;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Pushes an envelope to one open connection, taking them in turn; resolves with the ack's `payload` (`{}` if none). */
  send(type: string, payload: unknown, options?: EnvelopeOptions): Promise<Record<string, unknown>>;
  disconnect(reason: string): void;
  /** Connections accepted so far (reconnects count). */
  connections(): number;
  /** How many envelopes each accepted connection was sent, in the order they were accepted. */
  envelopesByConnection(): number[];
  close(): void;
}

interface PendingAck {
  resolve(payload: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `wsBaseUrl` is read when a URL is issued: the port is only known once the HTTP server listens. */
export function createSocketModeServer(wsBaseUrl: () => string, appId: string, onChange: () => void): SocketModeServer {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const pending = new Map<string, PendingAck>();
  const sent = new Map<WebSocket, number>();
  let accepted = 0;
  let turn = 0;

  const open = (): WebSocket[] => sockets.filter((ws) => ws.readyState === ws.OPEN);

  function onAck(data: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8')) as unknown;
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.envelope_id !== 'string') return;
    const waiting = pending.get(message.envelope_id);
    if (!waiting) return;
    pending.delete(message.envelope_id);
    clearTimeout(waiting.timer);
    waiting.resolve(isObject(message.payload) ? message.payload : {});
  }

  wss.on('connection', (ws: WebSocket) => {
    sockets.push(ws);
    accepted += 1;
    // A client torn down mid-frame emits an error; the fake has nothing to do about it.
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) onAck(data);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open().length,
        debug_info: { host: HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    onChange();
  });

  return {
    issueUrl() {
      const ticket = randomUUID();
      tickets.add(ticket);
      return `${wsBaseUrl()}/socket?ticket=${ticket}&app_id=${appId}`;
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/socket' || !tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    send(type, payload, options = {}) {
      const candidates = open();
      const ws = candidates[turn++ % Math.max(1, candidates.length)];
      if (!ws) return Promise.reject(new Error(`fake Slack: no Socket Mode client is connected to receive ${type}`));
      const envelopeId = randomUUID();
      const envelope: Record<string, unknown> = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      };
      if (type === 'events_api') Object.assign(envelope, { retry_attempt: 0, retry_reason: '' });
      const timeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`fake Slack: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, { resolve, reject, timer });
        sent.set(ws, (sent.get(ws) ?? 0) + 1);
        ws.send(JSON.stringify(envelope));
      });
    },
    disconnect(reason) {
      const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } });
      for (const ws of open()) ws.send(message);
    },
    connections: () => accepted,
    envelopesByConnection: () => sockets.map((ws) => sent.get(ws) ?? 0),
    close() {
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error(`fake Slack closed before envelope ${id} was acked`));
      }
      pending.clear();
      for (const ws of sockets) {
        if (ws.readyState === ws.OPEN) ws.close(1000, 'fake Slack closing');
        ws.terminate();
      }
      wss.close();
    },
  };
}
