// What both sides of the sweep queue share: its name, a job's data, and the Redis connections.
// The --queue URL is checked first with one PING that fails within seconds (no endless
// reconnect loop), so an unreachable server is a usage error before anything is enqueued; the
// clients used afterwards ride out short outages.
import { Redis } from 'ioredis';
import { UsageError } from '../errors.js';

/** One queue for every sweep, so that a worker needs nothing but the URL. */
export const QUEUE = 'groklab-sweep';

export interface RunJob {
  /** the sweep directory, absolute: the same path on every machine */
  dir: string;
  id: string;
}

const PROBE_TIMEOUT_MS = 3_000;

/** Reconnect delays: 0.5 s, 1 s, … capped at 5 s. */
const reconnect = (times: number): number => Math.min(times * 500, 5_000);

/** The URL as shown in messages: the password, if any, masked. */
export function showUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return url;
  }
}

function checkUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new UsageError(`--queue: expected a Redis URL like redis://HOST:PORT (rediss:// for TLS), got "${url}"`);
  }
}

/** Throws a UsageError naming the URL unless Redis answers a PING within a few seconds. */
export async function probe(url: string): Promise<void> {
  checkUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let cause: Error | undefined; // the socket's error says more than connect()'s "Connection is closed"
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new UsageError(`--queue: cannot reach Redis at ${showUrl(url)} (${(cause ?? (error as Error)).message})`);
  } finally {
    // Disconnecting an ended client would arm ioredis' 2 s timer to destroy a socket already gone.
    if (client.status !== 'end') client.disconnect();
  }
}

/**
 * A long-lived client. Workers need `maxRetriesPerRequest: null` (BullMQ's blocking commands
 * wait through outages); the sweep gives up on a command after ~30 s of outage instead.
 */
export function connect(url: string, kind: 'worker' | 'sweep'): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: kind === 'worker' ? null : 10, retryStrategy: reconnect });
  client.on('error', () => {}); // surfaced by the failing commands and BullMQ's own 'error' events
  return client;
}
