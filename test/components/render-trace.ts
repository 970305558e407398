// Which components React rendered in each commit, read as React's DevTools
// profiler reads it: through the DevTools hook, which react-dom calls on every
// commit. Imported before React so react-dom finds the hook when it loads.

/** One component that rendered: its name (as written in components/) and the question it draws, if any. */
export interface Rendered {
  name: string;
  field?: string;
}

const commits: Rendered[][] = [];
/** React's PerformedWork flag: set on a fiber whose function ran in this render. */
const PERFORMED_WORK = 1;
/** Function, forwardRef, memo and simple memo components: the fibers whose function runs when they render. */
const COMPONENT_TAGS = new Set([0, 11, 14, 15]);

interface Fiber {
  tag: number;
  flags: number;
  type: unknown;
  memoizedProps: { def?: { id?: string } } | null;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
}

const nameOf = (type: unknown): string => {
  const named = type as { displayName?: string; name?: string; type?: unknown } | null;
  // esbuild renames a function that a `const` of the same name wraps (`const Row = memo(function Row…)` → `Row2`).
  const name = named?.displayName ?? named?.name ?? (named?.type ? nameOf(named.type) : '');
  return name.replace(/\d+$/, '');
};

function walk(fiber: Fiber, out: Rendered[]) {
  const before = fiber.alternate;
  if (COMPONENT_TAGS.has(fiber.tag) && (fiber.flags & PERFORMED_WORK) !== 0 && fiber.tag !== 14) {
    out.push({ name: nameOf(fiber.type), field: fiber.memoizedProps?.def?.id });
  }
  // A subtree React left as it was keeps the previous commit's fibers, flags and all: nothing in it rendered.
  if (before && fiber.child === before.child) return;
  for (let child = fiber.child; child; child = child.sibling) walk(child, out);
}

(globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true,
  renderers: new Map(),
  inject: () => 1,
  checkDCE() {},
  onScheduleFiberRoot() {},
  onCommitFiberRoot(_renderer: number, root: { current: Fiber }) {
    const rendered: Rendered[] = [];
    walk(root.current, rendered);
    commits.push(rendered);
  },
  onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {},
  setStrictMode() {},
};

/** Starts a fresh record; each entry of the returned list is one commit's rendered components, in tree order. */
export function recordCommits(): Rendered[][] {
  commits.length = 0;
  return commits;
}
