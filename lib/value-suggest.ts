// Suggests which checklist value a portal's own option label stands for
// ("Cancelled by clinician (short notice)" → `cancelled-by-provider`), so the
// portal builder can prefill a value map that the user then confirms. Labels
// are compared as sets of words after folding the synonyms portals use for
// the same thing (clinician / therapist / provider, patient / client, …); a
// suggestion is made only when one value is clearly closest.

export interface ChoiceOption {
  value: string;
  /** The checklist's label for the value, in any language the checklist has. */
  labels: string[];
}

/** Phrases first (they span words), then single words; all folded to one token. */
const PHRASES: [RegExp, string][] = [
  [/\bdid\s+not\s+attend\b|\bno[\s-]?show\b|\bnot\s+attended\b|\bdid\s+not\s+arrive\b/g, ' dna '],
  [
    /\bshort\s+notice\b|\blate\s+notice\b|\bunder\s+24\s*h(?:ours?)?\b|\bless\s+than\s+24\s*h(?:ours?)?\b|\bwithin\s+24\s*h(?:ours?)?\b|\bsame[\s-]day\b/g,
    ' shortnotice ',
  ],
  [/\btext\s+message\b/g, ' sms '],
  [/\be[\s-]mail\b/g, ' email '],
  [/\bface\s+to\s+face\b|\bin\s+person\b/g, ' inperson '],
  [/\bfollow[\s-]up\b/g, ' followup '],
];

const SYNONYMS: Record<string, string> = {
  clinician: 'provider',
  therapist: 'provider',
  staff: 'provider',
  service: 'provider',
  clinic: 'provider',
  doctor: 'provider',
  practitioner: 'provider',
  vhg: 'provider',
  clin: 'provider',
  svc: 'provider',
  nurse: 'provider',
  carer: 'provider',
  worker: 'provider',
  patient: 'client',
  pt: 'client',
  user: 'client',
  resident: 'client',
  person: 'client',
  seen: 'attended',
  attend: 'attended',
  attendance: 'attended',
  present: 'attended',
  att: 'attended',
  arrived: 'attended',
  canceled: 'cancelled',
  cancel: 'cancelled',
  canc: 'cancelled',
  cancellation: 'cancelled',
  sn: 'shortnotice',
  tel: 'phone',
  telephone: 'phone',
  call: 'phone',
  mob: 'phone',
  mobile: 'phone',
  text: 'sms',
  txt: 'sms',
  app: 'message',
  msg: 'message',
  portal: 'message',
  messaging: 'message',
  f2f: 'inperson',
  vm: 'voicemail',
  y: 'yes',
  true: 'yes',
  n: 'no',
  false: 'no',
};
const STOPWORDS = new Set(['by', 'the', 'a', 'an', 'of', 'to', 'at', 'with', 'and', 'or', 'in', 'on', 'for', 'was', 'is']);

/** The words of a label or value, folded: lower case, synonyms merged, filler dropped. */
export function labelTokens(text: string): Set<string> {
  let folded = ` ${text
    .toLowerCase()
    .replace(/[‐-―–—_/()[\],.;:!?'"]+/g, ' ')
    .replace(/-/g, ' ')} `;
  for (const [pattern, token] of PHRASES) folded = folded.replace(pattern, token);
  const words = folded
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => SYNONYMS[word] ?? word)
    .filter((word) => !STOPWORDS.has(word));
  return new Set(words);
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / new Set([...a, ...b]).size;
}

/** How close a portal label is to a checklist option, 0 to 1: the better of its value and its labels. */
export function optionScore(portalLabel: string, option: ChoiceOption): number {
  const words = labelTokens(portalLabel);
  return Math.max(similarity(words, labelTokens(option.value)), ...option.labels.map((label) => similarity(words, labelTokens(label))));
}

/** The checklist value a portal label most likely means, or undefined when none is clearly closest. */
export function suggestValue(portalLabel: string, options: readonly ChoiceOption[]): string | undefined {
  const scored = options
    .map((option) => ({ value: option.value, score: optionScore(portalLabel, option) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score < 0.5) return undefined;
  if (second && second.score === best.score) return undefined;
  return best.value;
}

/**
 * A value map from the portal's options: checklist value → the portal's labels
 * (several portal options may stand for one value). Options with no clear
 * match are left out for the user to map.
 */
export function suggestValueMap(portalOptions: readonly string[], options: readonly ChoiceOption[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const label of portalOptions) {
    const value = suggestValue(label, options);
    if (value !== undefined) map[label] = value;
  }
  return map;
}
