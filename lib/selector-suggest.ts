// Proposes CSS selectors for an element a user clicked while setting up a
// portal, most stable first: ids and names that look hand-written, data
// attributes, ARIA names, then a stable ancestor with the element's tag and
// type, and only when nothing else exists a class or a positional chain. Pure
// (it only reads the DOM it is given), so the rules are unit-tested on saved
// portal pages rather than in a browser.

/** Why a selector was proposed; the builder shows it beside the selector. */
export type SelectorBasis = 'id' | 'name' | 'data' | 'aria' | 'scoped' | 'class' | 'position';

export interface SelectorCandidate {
  selector: string;
  basis: SelectorBasis;
  /** How many elements it matches in the element's own document (or row). */
  count: number;
}

/** Attribute values quoted for a selector: single quotes, as the adapters write them. */
export function quoteAttribute(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Generated-looking tokens: numbered in render order (`ctl-3`, `field12`),
 * framework ids (`:r1:`, `ember42`, `react-select-2-input`, `mui-123`), hashes
 * (`a1b2c3d4`, `css-1x9zq`, `sc-bdVaJa`, `jsx-123`), and GUIDs. Such names
 * change when the portal is rebuilt or a control is added.
 */
export function looksGenerated(token: string): boolean {
  if (!token) return true;
  if (/\d{3,}/.test(token)) return true;
  if (/^(?:ctl|ctrl|field|input|el|id|gen|auto|item|elem|control)[-_]?\d+$/i.test(token)) return true;
  if (/[-_]\d+$/.test(token) && !/^(?:h[1-6]|col-\w+-\d+)$/.test(token)) return true;
  if (/^:|:$/.test(token) || /^(?:ember|ext-gen|yui_|react-|mui-|rc-tabs-|radix-|headlessui-|downshift-)/i.test(token)) return true;
  if (/^(?:css|sc|jsx|emotion|svelte|styled)-/i.test(token)) return true;
  if (/^[a-f0-9]{6,}$/i.test(token) || /[a-f0-9]{8}-[a-f0-9]{4}-/i.test(token)) return true;
  // Mixed-case hashes such as `bdVaJa` or `_3xYz` from CSS modules.
  if (
    /^_?[a-zA-Z0-9]{5,8}$/.test(token) &&
    /[A-Z]/.test(token.slice(1)) &&
    /[a-z]/.test(token) &&
    !/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/.test(token)
  )
    return true;
  if (/__[a-zA-Z0-9]{5}$/.test(token)) return true;
  return false;
}

const escapeIdent = (value: string) =>
  typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/([^a-zA-Z0-9_-])/g, '\\$1');

/** Attributes whose values identify an element in hand-written markup; state-like ones are left out. */
const VOLATILE_DATA = /^data-(?:state|selected|active|focus|hover|open|expanded|index|row-index|key|reactid|v-[a-f0-9]+|testid-\d+)$/;

function safeCount(root: ParentNode, selector: string): number {
  try {
    return root.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

/** An element as a selector by its own stable name, id or data attribute; undefined when it has none. */
export function stableSelf(node: Element): string | undefined {
  const tag = node.tagName.toLowerCase();
  const name = node.getAttribute('name');
  if (name && !looksGenerated(name)) return `${tag}[name=${quoteAttribute(name)}]`;
  if (node.id && !looksGenerated(node.id)) return `${tag}#${escapeIdent(node.id)}`;
  const data = [...node.attributes].find(
    (attribute) =>
      attribute.name.startsWith('data-') &&
      !VOLATILE_DATA.test(attribute.name) &&
      attribute.value &&
      attribute.value.length <= 40 &&
      !looksGenerated(attribute.value),
  );
  return data ? `[${data.name}=${quoteAttribute(data.value)}]` : undefined;
}

/** The nearest ancestor (a form, a section, a dialog) known by a stable id, name or data attribute, as a selector. */
export function stableAncestor(element: Element, stopAt?: Element): string | undefined {
  for (
    let node = element.parentElement;
    node && node !== stopAt && node.tagName !== 'BODY' && node.tagName !== 'HTML';
    node = node.parentElement
  ) {
    const own = stableSelf(node);
    if (own) return own;
  }
  return undefined;
}

/** The element's tag with its type (for inputs and buttons), e.g. `button[type='submit']`. */
function typedTag(element: Element): string {
  const tag = element.tagName.toLowerCase();
  const type = element.getAttribute('type');
  return (tag === 'input' || tag === 'button') && type ? `${tag}[type=${quoteAttribute(type)}]` : tag;
}

function positionalChain(element: Element, root: Element | null): string {
  const parts: string[] = [];
  for (let node: Element | null = element; node && node !== root && node.tagName !== 'HTML'; node = node.parentElement) {
    const tag = node.tagName.toLowerCase();
    if (node.tagName === 'BODY') {
      parts.unshift('body');
      break;
    }
    const siblings = node.parentElement ? [...node.parentElement.children].filter((child) => child.tagName === node!.tagName) : [];
    parts.unshift(siblings.length > 1 ? `${tag}:nth-of-type(${siblings.indexOf(node) + 1})` : tag);
  }
  return parts.join(' > ');
}

export interface SuggestOptions {
  /** Count and scope within this element (a list row) instead of the whole document; no ancestor above it is used. */
  within?: Element;
  /** The element stands for a group (a radio group): prefer a selector matching all of the group. */
  group?: boolean;
}

/**
 * Selectors for `element`, most stable first, each with how many elements it
 * matches. Record-page fields want a count of 1 (the first candidate with one
 * is the default choice); positional chains come only when nothing else does.
 */
export function suggestSelectors(element: Element, options: SuggestOptions = {}): SelectorCandidate[] {
  // Inside an open shadow root the selector is matched within that root (as the Save guard matches the composed target).
  const scope = element.getRootNode() as Document | ShadowRoot;
  const root: ParentNode = options.within ?? scope;
  const tag = element.tagName.toLowerCase();
  const out: SelectorCandidate[] = [];
  const seen = new Set<string>();
  const add = (selector: string, basis: SelectorBasis) => {
    if (seen.has(selector)) return;
    const count = safeCount(root, selector);
    if (count === 0 || !(options.within ? options.within.querySelector(selector) : scope.querySelector(selector))) return;
    // A selector must reach this element (the first match is what the content script uses, except for groups).
    const matches = [...root.querySelectorAll(selector)];
    if (!matches.includes(element)) return;
    seen.add(selector);
    out.push({ selector, basis, count });
  };

  const name = element.getAttribute('name');
  if (options.group && name) add(`${tag}[name=${quoteAttribute(name)}]`, 'name');
  if (element.id && !looksGenerated(element.id)) add(`${tag}#${escapeIdent(element.id)}`, 'id');
  if (name && !looksGenerated(name)) add(`${tag}[name=${quoteAttribute(name)}]`, 'name');
  const dataAttributes = [...element.attributes].filter(
    (attribute) => attribute.name.startsWith('data-') && !VOLATILE_DATA.test(attribute.name) && attribute.value.length <= 60,
  );
  const shownText = (element.textContent ?? '').toLowerCase();
  for (const attribute of dataAttributes) {
    if (!attribute.value || looksGenerated(attribute.value)) continue;
    // An attribute repeating what the element shows holds its value (an outcome, a type), not its identity.
    if (attribute.value.length >= 2 && shownText.includes(attribute.value.toLowerCase())) continue;
    const selector = `[${attribute.name}=${quoteAttribute(attribute.value)}]`;
    add(safeCount(root, selector) === 1 ? selector : `${tag}${selector}`, 'data');
  }
  const aria = element.getAttribute('aria-label');
  if (aria && aria.length <= 60) add(`${tag}[aria-label=${quoteAttribute(aria)}]`, 'aria');
  const role = element.getAttribute('role');
  const ancestor = stableAncestor(element, options.within);
  if (ancestor) {
    add(`${ancestor} ${typedTag(element)}`, 'scoped');
    if (role) add(`${ancestor} ${tag}[role=${quoteAttribute(role)}]`, 'scoped');
  }
  const classes = [...element.classList].filter((token) => !looksGenerated(token));
  for (const token of classes) {
    add(`${tag}.${escapeIdent(token)}`, 'class');
    if (ancestor) add(`${ancestor} ${tag}.${escapeIdent(token)}`, 'class');
  }
  // A data attribute whose value varies (a record id) still names the kind of element: keep its presence.
  for (const attribute of dataAttributes) if (!VOLATILE_DATA.test(attribute.name)) add(`${tag}[${attribute.name}]`, 'data');
  if (element.id && looksGenerated(element.id)) {
    // Last resort before position: a numbered id is better than nothing, but listed after everything stable.
    if (!out.length) add(`${tag}#${escapeIdent(element.id)}`, 'id');
  }
  if (!out.length) add(positionalChain(element, options.within ?? null), 'position');
  // Unique first where the element is one of a kind; a group wants all of its members.
  return options.group ? out : [...out.filter((candidate) => candidate.count === 1), ...out.filter((candidate) => candidate.count !== 1)];
}

/**
 * The repeated element a clicked list cell belongs to: the nearest ancestor
 * that holds elements of its own (a row has cells) and that the page repeats
 * (two or more of the same tag and stable classes). A table cell's row is its `tr`.
 */
export function rowOf(element: Element): Element | undefined {
  const tableRow = element.closest('tr');
  if (tableRow && tableRow.closest('tbody')) return tableRow;
  for (let node: Element | null = element; node && node.tagName !== 'BODY' && node.tagName !== 'HTML'; node = node.parentElement) {
    if (node.children.length < 2) continue;
    const classes = [...node.classList]
      .filter((token) => !looksGenerated(token))
      .map((token) => `.${escapeIdent(token)}`)
      .join('');
    if (!classes && node.tagName !== 'LI') continue;
    if (safeCount(node.ownerDocument, `${node.tagName.toLowerCase()}${classes}`) >= 2) return node;
  }
  return undefined;
}

/** Selectors for every row like `row`: a stable container with the row's tag and its stable classes or attributes. */
export function suggestRowSelectors(row: Element): SelectorCandidate[] {
  const doc = row.ownerDocument;
  const tag = row.tagName.toLowerCase();
  const classes = [...row.classList]
    .filter((token) => !looksGenerated(token))
    .map((token) => `.${escapeIdent(token)}`)
    .join('');
  const ancestor = stableAncestor(row);
  const dataNames = [...row.attributes]
    .filter((attribute) => attribute.name.startsWith('data-') && !VOLATILE_DATA.test(attribute.name))
    .map((attribute) => `[${attribute.name}]`);
  const shapes = [`${tag}${classes}${dataNames[0] ?? ''}`, `${tag}${classes}`, `${tag}${dataNames[0] ?? ''}`].filter(
    (shape, index, all) => shape !== tag && all.indexOf(shape) === index,
  );
  const out: SelectorCandidate[] = [];
  for (const shape of shapes) {
    for (const selector of ancestor ? [`${ancestor} ${shape}`, shape] : [shape]) {
      const count = safeCount(doc, selector);
      if (count >= 1 && [...doc.querySelectorAll(selector)].includes(row) && !out.some((candidate) => candidate.selector === selector))
        out.push({ selector, basis: ancestor && selector.startsWith(ancestor) ? 'scoped' : 'class', count });
    }
  }
  if (!out.length) out.push({ selector: positionalChain(row, null).replace(/:nth-of-type\(\d+\)$/, ''), basis: 'position', count: 0 });
  return out;
}

/** Attributes of a row that hold a different value on every row: where its record id is. */
export function recordIdAttributes(row: Element, rowSelector: string): { name: string; sample: string }[] {
  const rows = [...row.ownerDocument.querySelectorAll(rowSelector)];
  return [...row.attributes]
    .filter((attribute) => attribute.name !== 'class' && attribute.name !== 'style' && attribute.value)
    .filter((attribute) => new Set(rows.map((other) => other.getAttribute(attribute.name))).size === rows.length)
    .map((attribute) => ({ name: attribute.name, sample: attribute.value }));
}
