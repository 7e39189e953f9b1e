/**
 * Text patterns used in several places, said once. Pure (the browser form
 * bundles this too).
 */

// Characters that render as nothing (Unicode Default_Ignorable_Code_Point: zero-width
// spaces and joiners, direction marks, soft hyphens, Hangul fillers, variation selectors).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The text without the characters that render as nothing. */
export const withoutInvisible = (text: string): string => text.replace(INVISIBLE, '');

// Something shaped like an email address. Quotes, angle brackets, parentheses and square
// brackets end it, so "(ann@example.com)" or "<ann@example.com>" loses only the address.
const EMAIL_LIKE = /[^\s@"'<>()[\]]+@[^\s@"'<>()[\]]+\.[^\s@"'<>()[\]]+/g;

/** The text with everything shaped like an email address replaced (logs, moderators' digests). */
export const maskEmailLike = (text: string, replacement: string): string => text.replace(EMAIL_LIKE, replacement);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for HTML, in element content and in quoted attribute values alike. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
