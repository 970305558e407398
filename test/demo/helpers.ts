// Shared set-up for the demo-portal tests: each suite gets its own server on a
// free port with a throw-away data directory, so suites never share state.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Window } from 'happy-dom';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';

export interface SeedSession {
  id: string;
  start: string;
  attendance: string;
  clinicalNote: string;
  nextSession: string;
}
export interface SeedClient {
  id: string;
  name: string;
  dateOfBirth: string;
  preferredContact: string;
  sessions: SeedSession[];
}

export const seed: { clients: SeedClient[] } = JSON.parse(fs.readFileSync(new URL('../../demo/mpb/seed.json', import.meta.url), 'utf8'));

export const ATTENDANCE_LABELS = [
  'Attended',
  'Attended Late',
  'Did Not Attend',
  'Cancelled by Client',
  'Cancelled by Client (Short Notice)',
  'Appointment Cancelled by Therapist/VHG',
];

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-demo-'));
}

export async function startTemp(dataDir = tempDataDir()): Promise<DemoServer> {
  return startDemoServer({ port: 0, dataDir });
}

/** Closes a server from startTemp and deletes its data directory. */
export async function stopTemp(demo: DemoServer | undefined): Promise<void> {
  if (!demo) return;
  await demo.close();
  fs.rmSync(demo.dataDir, { recursive: true, force: true });
}

/** Parses HTML without running any of its scripts. */
export function parse(html: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export async function getText(base: string, p: string): Promise<{ status: number; text: string; res: Response }> {
  const res = await fetch(base + p, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), res };
}

export async function postJson(base: string, p: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base + p, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export function allSeedSessions(): Array<{ client: SeedClient; session: SeedSession }> {
  return seed.clients.flatMap((client) => client.sessions.map((session) => ({ client, session })));
}
