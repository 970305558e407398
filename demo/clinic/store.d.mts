// Types for the clinic store's vocabulary, so TypeScript tests can import it.

/** The clinic's outcome labels, in the order its outcome list shows them. */
export const OUTCOMES: readonly string[];
export const APPOINTMENT_TYPES: Readonly<Record<'review' | 'new', string>>;
/** A patient's reminder preference: stored code → label on the appointment page. */
export const REMINDER_CHANNELS: Readonly<Record<'sms' | 'phone' | 'email' | 'app', string>>;
