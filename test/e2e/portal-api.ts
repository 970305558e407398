// The demo portals' test APIs, one per portal (/mpb, /roster, /casenotes):
// what each portal's server received, and putting it back to its seed data.
import type { PortalServer } from './harness';

export type PortalPrefix = 'mpb' | 'roster' | 'casenotes';

export interface LoggedSave<Body = Record<string, unknown>> {
  body: Body;
  receivedAt: string;
  status: number;
  sessionId?: string;
  visitId?: string;
  consultationId?: string;
}

/** Every POST the portal received, rejected ones included. */
export async function savesOf<Body = Record<string, unknown>>(
  portal: Pick<PortalServer, 'url'>,
  prefix: PortalPrefix,
): Promise<LoggedSave<Body>[]> {
  const res = await fetch(`${portal.url}/${prefix}/api/saves`);
  if (!res.ok) throw new Error(`GET /${prefix}/api/saves answered ${res.status}`);
  return (await res.json()) as LoggedSave<Body>[];
}

export async function resetPortals(
  portal: Pick<PortalServer, 'url'>,
  prefixes: PortalPrefix[] = ['mpb', 'roster', 'casenotes'],
): Promise<void> {
  for (const prefix of prefixes) {
    const res = await fetch(`${portal.url}/${prefix}/api/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`POST /${prefix}/api/reset answered ${res.status}`);
  }
}
