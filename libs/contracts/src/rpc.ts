import type { Actor } from './auth';

/** Every RPC message is wrapped so the request id and the actor cross the transport with the data. */
export interface RpcMeta {
  requestId: string;
  actor?: Actor;
}

export interface RpcEnvelope<T> {
  meta: RpcMeta;
  data: T;
}
