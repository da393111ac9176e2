/** What the declarations share: who handles cases at a bureau, the step history, and small input checks. */
export const CASE_OFFICERS = ['business_officer', 'county_officer'] as const;
export const APPLICANTS = ['researcher', 'unit_admin'] as const;
/** Bureau staff who handle cases and issue their documents: the business sections, county bureaus and the integrity section. */
export const CASE_HANDLERS = ['integrity_officer', 'business_officer', 'county_officer'] as const;
export const handlesCases = (role: string) => (CASE_HANDLERS as readonly string[]).includes(role);

export interface WithHistory { history: Array<{ step: string; note: string }> }

/** The case data with one more line in its history (what the timeline shows beside the step). */
export const withNote = <D extends WithHistory>(d: D, step: string, note: unknown): D => ({ ...d, history: [...d.history, { step, note: String(note ?? '') }] });

export const hasText = (v: unknown, min = 2): v is string => typeof v === 'string' && v.trim().length >= min;

/** A guard result: null when the input has at least `min` characters in `field`, else the reason. */
export const requireText = (input: Record<string, unknown>, field: string, zh: string, min = 5) => (hasText(input[field], min) ? null : { zh, field });
