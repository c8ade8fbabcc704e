import type { IncomingMessage, ServerResponse } from 'node:http'

/** One `POST /admin` body as the real SDK sends it; `action` discriminates. */
export interface AdminRequest {
  action: string
  [field: string]: unknown
}

/**
 * What a service answers. Most actions answer `{ data }`; `database.startTransaction`
 * answers a top-level `transactionId`, so services return the whole envelope minus `requestId`.
 */
export type AdminReply = Record<string, unknown>

/** A service that owns a family of `/admin` actions (`database.*`, `storage.*`, `functions.*`). */
export interface AdminService {
  handle(req: AdminRequest): Promise<AdminReply>
}

/** A service that owns some plain HTTP routes; answers false when the route is not its own. */
export interface RouteHandler {
  route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>
}

/** The identity a function invocation runs as; what `cloud.getWXContext()` returns inside it. */
export interface Identity {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  CLIENTIP?: string
  /** `wx_client` for mini-program calls, `wx_trigger` for timers, `wx_unknown` for message pushes (inferred), absent for the console. */
  SOURCE?: string
}

export type Durability = 'fsync' | 'write' | 'off'

/** Milliseconds since the epoch; injected so tests can move time (temp URL expiry, timers). */
export type Clock = () => number
