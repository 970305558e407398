// Value-map suggestions by label similarity: portal option labels are matched
// to checklist values through the synonyms portals use, and nothing is
// suggested where two values are equally close.
import { ATTENDANCE_CODES, ATTENDANCE_LABELS } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { labelTokens, suggestValue, suggestValueMap } from '../../lib/value-suggest';

const attendance = ATTENDANCE_CODES.map((code) => ({ value: code, labels: Object.values(ATTENDANCE_LABELS[code]) }));

describe('suggestValue', () => {
  it('maps the issue’s example and Riverside Clinic’s outcomes to the attendance codes', () => {
    expect(suggestValue('Cancelled by clinician (short notice)', attendance)).toBe('cancelled-by-provider');
    expect(
      suggestValueMap(
        ['Seen', 'Seen – arrived late', 'DNA', 'Cancelled – patient', 'Cancelled – patient, under 24 h', 'Cancelled – clinician'],
        attendance,
      ),
    ).toEqual({
      Seen: 'attended',
      'Seen – arrived late': 'attended-late',
      DNA: 'did-not-attend',
      'Cancelled – patient': 'cancelled-by-client',
      'Cancelled – patient, under 24 h': 'cancelled-by-client-short-notice',
      'Cancelled – clinician': 'cancelled-by-provider',
    });
  });

  it('maps the MPB portal’s labels', () => {
    expect(suggestValue('Appointment Cancelled by Therapist/VHG', attendance)).toBe('cancelled-by-provider');
    expect(suggestValue('Cancelled by Client (Short Notice)', attendance)).toBe('cancelled-by-client-short-notice');
    expect(suggestValue('Did Not Attend', attendance)).toBe('did-not-attend');
  });

  it('suggests nothing for a label unlike every value, or equally like two', () => {
    expect(suggestValue('(choose an outcome)', attendance)).toBeUndefined();
    expect(
      suggestValue('Cancelled', [
        { value: 'cancelled-by-client', labels: [] },
        { value: 'cancelled-by-provider', labels: [] },
      ]),
    ).toBeUndefined();
  });

  it('folds phrases before words', () => {
    expect([...labelTokens('Did not attend')]).toEqual(['dna']);
    expect(labelTokens('under 24 h').has('shortnotice')).toBe(true);
  });
});
