/**
 * WordPress's is_email() (wp-includes/formatting.php), rule for rule, so
 * addresses WordPress accepts are accepted here and vice versa. It is
 * deliberately not RFC 5322: no quoted local parts, no IDN domains.
 */
const LOCAL_PART = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL = /^[a-z0-9-]+$/i;

export function isEmail(email: string): boolean {
  if (email.length < 6) return false;
  const at = email.indexOf('@', 1);
  if (at < 1) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!LOCAL_PART.test(local)) return false;
  if (domain.includes('..')) return false;
  if (domain !== domain.replace(/^[\s.]+|[\s.]+$/g, '')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => label === label.replace(/^[\s-]+|[\s-]+$/g, '') && LABEL.test(label));
}

/** The form keyed hashes are computed over: trimmed, lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
