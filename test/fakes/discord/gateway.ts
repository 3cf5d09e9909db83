import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { randomToken } from './ids.js';
import { guildCreatePayload, readyPayload } from './payloads.js';
import type { Json, World } from './world.js';

// The gateway (`ws://…/gateway?v=10&encoding=json`): HELLO, IDENTIFY → READY + GUILD_CREATE,
// heartbeats, and RESUME with replay of everything dispatched since the client's last sequence — also
// events dispatched while it was disconnected, as Discord does. Sessions survive a dropped socket; a
// client closing with 1000/1001 ends its session (Discord then shows the bot offline).

export interface IdentifyRecord {
  token: string;
  intents: number;
  shard: unknown;
  properties: unknown;
}

export interface GatewayStats {
  connections: number;
  identifies: IdentifyRecord[];
  resumes: number;
  heartbeats: number;
  /** Every frame a client sent, in order. */
  received: { op: number; d: unknown }[];
  /** The most sessions ever connected at once (identified or resumed, socket open): 1 for one bot process. */
  maxLiveSessions: number;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Privileged intents the application has enabled; identifying with others closes 4014. */
  privilegedIntents: number;
  /** `ws://127.0.0.1:P/gateway`, sent as `resume_gateway_url`. */
  url: () => string;
}

export interface Gateway {
  stats: GatewayStats;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a dispatch to every session; throws when no client ever identified. */
  dispatch(event: string, data: unknown): void;
  drop(code: number, invalidateSessions: boolean): void;
  /** True while some session has an open, identified or resumed socket. */
  isLive(): boolean;
  /** How many sessions have an open, identified or resumed socket. */
  liveSessions(): number;
  close(): void;
}

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, VoiceStateUpdate: 4, Resume: 6, RequestGuildMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
const Close = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const ALL_INTENTS = (1 << 26) - 1;
const GUILDS_INTENT = 1;

interface Frame extends Json {
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  dispatched: Frame[];
  socket: WebSocket | null;
}

const frame = (op: number, d: unknown, t: string | null = null, s: number | null = null): Frame => ({ op, d, s, t });

function parse(data: WebSocket.RawData): { op: number; d: unknown } | null {
  try {
    const value: unknown = JSON.parse(data.toString());
    if (typeof value === 'object' && value !== null && typeof (value as { op?: unknown }).op === 'number') {
      return value as { op: number; d: unknown };
    }
  } catch {
    // Falls through: an undecodable frame is answered like any malformed one.
  }
  return null;
}

export function createGateway(world: World, options: GatewayOptions): Gateway {
  const server = new WebSocketServer({ noServer: true });
  const sessions = new Map<string, Session>();
  const stats: GatewayStats = { connections: 0, identifies: [], resumes: 0, heartbeats: 0, received: [], maxLiveSessions: 0 };
  const liveSessions = (): number => [...sessions.values()].filter((session) => session.socket?.readyState === WebSocket.OPEN).length;
  const changed = (): boolean => {
    stats.maxLiveSessions = Math.max(stats.maxLiveSessions, liveSessions());
    return world.events.emit('change');
  };

  function send(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const dispatch = frame(Op.Dispatch, data, event, session.seq);
    session.dispatched.push(dispatch);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(dispatch));
  }

  function identify(socket: WebSocket, d: unknown): Session | null {
    const payload = (typeof d === 'object' && d !== null ? d : {}) as { token?: unknown; intents?: unknown; shard?: unknown; properties?: unknown };
    if (payload.token !== world.token) {
      socket.close(Close.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const intents = payload.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
      socket.close(Close.InvalidIntents, 'Invalid intent(s).');
      return null;
    }
    if ((intents & PRIVILEGED_INTENTS & ~options.privilegedIntents) !== 0) {
      socket.close(Close.DisallowedIntents, 'Disallowed intent(s).');
      return null;
    }
    const shard = payload.shard;
    if (shard !== undefined && (!Array.isArray(shard) || shard.length !== 2 || !(Number(shard[0]) < Number(shard[1])))) {
      socket.close(Close.InvalidShard, 'Invalid shard.');
      return null;
    }
    stats.identifies.push({ token: payload.token, intents, shard, properties: payload.properties });
    const session: Session = { id: randomToken(16), intents, seq: 0, dispatched: [], socket };
    sessions.set(session.id, session);
    send(session, 'READY', readyPayload(world, session.id, options.url()));
    if (intents & GUILDS_INTENT) for (const guild of world.guilds) send(session, 'GUILD_CREATE', guildCreatePayload(world, guild));
    return session;
  }

  function resume(socket: WebSocket, d: unknown): Session | null {
    const payload = (typeof d === 'object' && d !== null ? d : {}) as { token?: unknown; session_id?: unknown; seq?: unknown };
    const session = typeof payload.session_id === 'string' ? sessions.get(payload.session_id) : undefined;
    if (!session || payload.token !== world.token) {
      // d:false — the session cannot be resumed; the client must identify afresh.
      socket.send(JSON.stringify(frame(Op.InvalidSession, false)));
      return null;
    }
    const seq = typeof payload.seq === 'number' ? payload.seq : 0;
    if (seq > session.seq) {
      socket.close(Close.InvalidSeq, 'Invalid seq.');
      return null;
    }
    // Discord serves a session on one connection: a stale socket still attached is dropped.
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    stats.resumes += 1;
    for (const missed of session.dispatched.filter((dispatched) => (dispatched.s ?? 0) > seq)) socket.send(JSON.stringify(missed));
    send(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
    return session;
  }

  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    stats.connections += 1;
    const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
    if (query.get('v') !== '10') return socket.close(Close.InvalidApiVersion, 'Invalid API version.');
    if ((query.get('encoding') ?? 'json') !== 'json' || query.has('compress')) {
      return socket.close(Close.DecodeError, 'The fake gateway speaks uncompressed encoding=json only.');
    }
    let session: Session | null = null;
    socket.send(JSON.stringify(frame(Op.Hello, { heartbeat_interval: options.heartbeatIntervalMs, _trace: ['["fake-discord",{"micros":0}]'] })));

    socket.on('message', (data) => {
      const message = parse(data);
      if (!message) return socket.close(Close.DecodeError, 'Error while decoding payload.');
      stats.received.push(message);
      switch (message.op) {
        case Op.Heartbeat:
          stats.heartbeats += 1;
          socket.send(JSON.stringify(frame(Op.HeartbeatAck, null)));
          break;
        case Op.Identify:
        case Op.Resume:
          if (session) return socket.close(Close.AlreadyAuthenticated, 'Already authenticated.');
          session = message.op === Op.Identify ? identify(socket, message.d) : resume(socket, message.d);
          break;
        case Op.PresenceUpdate:
        case Op.VoiceStateUpdate:
        case Op.RequestGuildMembers:
          if (!session) return socket.close(Close.NotAuthenticated, 'Not authenticated.');
          break;
        default:
          return socket.close(Close.UnknownOpcode, 'Unknown opcode.');
      }
      changed();
    });

    socket.on('close', (code) => {
      if (session && session.socket === socket) {
        session.socket = null;
        if (code === 1000 || code === 1001) sessions.delete(session.id);
      }
      changed();
    });
  });

  return {
    stats,
    handleUpgrade(request, socket, head) {
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    dispatch(event, data) {
      if (sessions.size === 0) throw new Error(`fake Discord: cannot dispatch ${event}: no gateway session (log a client in first)`);
      for (const session of sessions.values()) send(session, event, data);
    },
    drop(code, invalidateSessions) {
      const sockets = [...server.clients];
      if (invalidateSessions) sessions.clear();
      // 1006 cannot be sent in a close frame: it is what a client sees when the connection just dies.
      for (const socket of sockets) {
        if (code === 1006) socket.terminate();
        else socket.close(code, 'Dropped by the fake');
      }
    },
    isLive: () => liveSessions() > 0,
    liveSessions,
    close() {
      for (const socket of server.clients) socket.terminate();
      server.close();
    },
  };
}
