// The contract between the content script's router and its features: the
// router detects what this frame is and starts, tells and stops each feature
// through it; a feature owns its room (listeners, DOM, timers) and gives all
// of it back when the signal it was started with aborts.
import type { Checklist } from '@chartguard/sdk/runtime';
import type { TabStatus } from '../../lib/tab-status';
import type { PageMatch } from './detect';
import type { PageInfo } from './page-kind';

/**
 * What the always-on router knows of this frame by itself, which is all its own features (the Save guard) are
 * given; a feature script completes it with what its full adapters and checklists say (FeatureBundle.frame).
 */
export interface RouterFrame {
  /** The DOM is parsed and the page was detected; before that (document_start) only `match` is undefined. */
  ready: boolean;
  /** What the always-on router detected with the compact adapters (page-kind.ts); set even where no feature script is loaded. */
  page: PageInfo | undefined;
}

/** What the router and a feature script know of this frame when they ask one of its features. */
export interface FrameState extends RouterFrame {
  /** The panel page's address. */
  panelUrl: string;
  /** This frame is a child frame of the tab (a portal's work frame, an editor's iframe). */
  childFrame: boolean;
  /** The adapter page this frame's address and DOM match, if any, from the full adapters a feature script carries. */
  match: PageMatch | undefined;
  /** A record page whose adapter fields are in the DOM: the page a panel docks beside. */
  record: PageMatch | undefined;
  /** A list page, once the checklists it is graded against have been read. */
  list: PageMatch | undefined;
  catalogLoaded: boolean;
  /** One map, updated in place, so a running feature sees new checklists without being rebuilt. */
  checklists: Map<string, Checklist>;
}

/** What the toolbar popup hears from a running feature, merged into the router's answer. */
export type StatusPart = Partial<Pick<TabStatus, 'panel' | 'checklist' | 'saveHeld' | 'list'>>;

/** A started feature: the router tells it of changes and asks it for its part of the popup's answer. */
export interface FeatureRoom<Frame extends RouterFrame = FrameState> {
  /** The page changed (DOM, address, checklists) and still wants this instance. */
  pageChanged?(frame: Frame): void;
  status?(): StatusPart;
  /** Whether what it shows now is its answer for this page (end-to-end tests wait on it). */
  settled?(): boolean;
  /** The popup's "Show the panel". */
  showPanel?(): boolean;
}

/** The running features of this frame, by name, for the few that talk to each other (the guard and the record page). */
export interface Rooms {
  get<Room extends FeatureRoom<RouterFrame>>(name: string): Room | undefined;
}

/** A feature of a feature script, given the whole frame; an always-on one is given only the router's (`RouterFrame`). */
export interface Feature<Room extends FeatureRoom<RouterFrame> = FeatureRoom, Frame extends RouterFrame = FrameState> {
  readonly name: string;
  /**
   * Which instance this frame needs now, or undefined for none. The same key as the running instance
   * tells it `pageChanged`; another key stops it (aborts its signal) and starts a new one.
   */
  key(frame: Frame): string | undefined;
  /**
   * When a change of the imported configuration restarts it instead of telling it: on any change (it holds no
   * user state), only when the adapters change (a record page keeps what is typed in its panel), or never.
   */
  readonly restartWhen?: 'catalog-changes' | 'adapters-change';
  /** Called once when its feature script registers, before the router first asks for it: start slow reads early. */
  prepare?(): void;
  /** Starts the feature; everything it installs is removed when `signal` aborts (reason: `ORPHANED` or `STOPPED`). */
  start(frame: Frame, signal: AbortSignal, rooms: Rooms): Room;
}

/** The feature scripts the background injects on demand: the record page's and the list badges'. */
export type BundleName = 'record' | 'list';

/**
 * A feature script as it registers with the always-on router: its features, and the full view of the frame
 * (adapters, checklists) it carries for them, which the always-on script does not.
 */
export interface FeatureBundle {
  readonly name: BundleName;
  readonly features: readonly Feature[];
  /** The router's frame state completed with this script's full adapters and checklists. */
  frame(base: RouterFrame): FrameState;
  /**
   * Starts reading the configuration; `changed` is called after the first read and after each read that changed
   * something, with the features that change restarts (none the first time: nothing runs yet), or `'failed'` when
   * the first read failed, which leaves the script's features nothing to work from. The script decides which of
   * its features restart (`restartWhen`), so the always-on router carries none of that (issue 18).
   */
  start(changed: (restart: readonly Feature[] | 'failed') => void, signal: AbortSignal): void;
}

/**
 * Where the router puts its registration function: on the content scripts' own global (their isolated world,
 * never the page's window), so only a script the extension injected into this frame can reach it.
 */
export const REGISTER_KEY = '__chartguardRegisterFeatures';
export type RegisterFeatures = (bundle: FeatureBundle) => void;

/** Abort reason when the extension went away under the page (updated, reloaded): the page keeps working unchecked. */
export const ORPHANED = 'chartguard:orphaned';
/** Abort reason when the page no longer needs the feature (another record, a changed adapter). */
export const STOPPED = 'chartguard:stopped';

/** Every feature is declared through this, so the router and the convention test find them alike. */
export function defineFeature<Room extends FeatureRoom<RouterFrame>, Frame extends RouterFrame = FrameState>(
  feature: Feature<Room, Frame>,
): Feature<Room, Frame> {
  return feature;
}
