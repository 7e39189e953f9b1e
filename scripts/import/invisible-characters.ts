/**
 * Characters a reader never saw, which the submission rules refuse: old
 * WordPress sites that stored Windows-1252 text export it as C1 controls
 * (U+0097 for an em dash), editors leave stray controls, and names copied
 * from right-to-left interfaces carry bidirectional embeddings. The import
 * keeps the comment: C1 controls become the Windows-1252 character they
 * stood for, other controls and (in single-line fields) direction marks are
 * dropped, and each kind is noted in the summary.
 */

// Windows-1252's 0x80–0x9F; the five it leaves undefined are dropped.
const WINDOWS_1252 = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';
const C1 = /[\u0080-\u009F]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LINE_BREAKS = /[\r\n\t]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

export interface Cleaned {
  text: string;
  notes: string[];
}

/** Comment text: C1 mapped, other controls dropped (newlines and tabs kept). */
export function cleanText(text: string, field: string): Cleaned {
  const notes: string[] = [];
  let out = text;
  if (out.search(C1) >= 0) {
    out = out.replace(C1, (c) => WINDOWS_1252[c.charCodeAt(0) - 0x80]!).replaceAll('\u0000', '');
    notes.push(`${field}: C1 control characters read as the Windows-1252 characters they stand for`);
  }
  if (out.search(CONTROL) >= 0) {
    out = out.replace(CONTROL, '');
    notes.push(`${field}: invisible control characters dropped`);
  }
  return { text: out, notes };
}

/** A single-line field (the name): as cleanText, and line breaks and direction marks dropped too. */
export function cleanLine(text: string, field: string): Cleaned {
  const cleaned = cleanText(text, field);
  let out = cleaned.text;
  if (out.search(BIDI) >= 0) {
    out = out.replace(BIDI, '');
    cleaned.notes.push(`${field}: invisible direction-changing characters dropped`);
  }
  out = out.replace(LINE_BREAKS, ' ');
  return { text: out, notes: cleaned.notes };
}
