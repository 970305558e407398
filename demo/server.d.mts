// Types for the plain-JS demo server so TypeScript tests and scripts can import it.

export interface DemoServer {
  /** e.g. `http://127.0.0.1:5710`, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  /** The portals served, e.g. `{ prefix: 'roster', name: 'CareRoster…', home: '/roster/schedule' }`. */
  portals: { prefix: string; name: string; home: string }[];
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** 0 picks a free port; the real one is in the result. Default 5710. */
  port?: number;
  host?: string;
  /** Where mpb.json, roster.json and casenotes.json live. Default `$CHARTGUARD_DEMO_DATA` or `demo/data`. */
  dataDir?: string;
}

export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
