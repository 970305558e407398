// The contract between the content script's router and its features: the
// router detects what this frame is and starts, tells and stops each feature
// through it; a feature owns its room (listeners, DOM, timers) and gives all
// of it back when the signal it was started with aborts.
import type { Checklist } from '@chartguard/sdk/runtime';
import type { TabStatus } from '../../lib/tab-status';
import type { PageMatch } from './detect';

/** What the router knows of this frame when it asks a feature. */
export interface FrameState {
  /** The DOM is parsed and the page was detected; before that (document_start) only `match` is undefined. */
  ready: boolean;
  /** The adapter page this frame's address and DOM match, if any. */
  match: PageMatch | undefined;
  /** A record page whose adapter fields are in the DOM: the page a panel docks beside. */
  record: PageMatch | undefined;
  /** A list page, once the checklists it is graded against have been read. */
  list: PageMatch | undefined;
  catalogLoaded: boolean;
  /** One map, updated in place, so a running feature sees new checklists without being rebuilt. */
  checklists: Map<string, Checklist>;
  /** The panel page's address. */
  panelUrl: string;
  /** This frame is a child frame of the tab (a portal's work frame, an editor's iframe). */
  childFrame: boolean;
}

/** What the toolbar popup hears from a running feature, merged into the router's answer. */
export type StatusPart = Partial<Pick<TabStatus, 'panel' | 'checklist' | 'saveHeld' | 'list'>>;

/** A started feature: the router tells it of changes and asks it for its part of the popup's answer. */
export interface FeatureRoom {
  /** The page changed (DOM, address, checklists) and still wants this instance. */
  pageChanged?(frame: FrameState): void;
  status?(): StatusPart;
  /** Whether what it shows now is its answer for this page (end-to-end tests wait on it). */
  settled?(): boolean;
  /** The popup's "Show the panel". */
  showPanel?(): boolean;
}

/** The running features of this frame, by name, for the few that talk to each other (the guard and the record page). */
export interface Rooms {
  get<Room extends FeatureRoom>(name: string): Room | undefined;
}

export interface Feature<Room extends FeatureRoom = FeatureRoom> {
  readonly name: string;
  /**
   * Which instance this frame needs now, or undefined for none. The same key as the running instance
   * tells it `pageChanged`; another key stops it (aborts its signal) and starts a new one.
   */
  key(frame: FrameState): string | undefined;
  /**
   * When a change of the imported configuration restarts it instead of telling it: on any change (it holds no
   * user state), only when the adapters change (a record page keeps what is typed in its panel), or never.
   */
  readonly restartWhen?: 'catalog-changes' | 'adapters-change';
  /** Called once at document_start in every matched frame, before any page is known: start slow reads early. */
  prepare?(): void;
  /** Starts the feature; everything it installs is removed when `signal` aborts (reason: `ORPHANED` or `STOPPED`). */
  start(frame: FrameState, signal: AbortSignal, rooms: Rooms): Room;
}

/** Abort reason when the extension went away under the page (updated, reloaded): the page keeps working unchecked. */
export const ORPHANED = 'chartguard:orphaned';
/** Abort reason when the page no longer needs the feature (another record, a changed adapter). */
export const STOPPED = 'chartguard:stopped';

/** Every feature is declared through this, so the router and the convention test find them alike. */
export function defineFeature<Room extends FeatureRoom>(feature: Feature<Room>): Feature<Room> {
  return feature;
}
