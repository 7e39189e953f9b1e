/** How many of an email's stored comments are in each decided status (pending is not counted). */
export interface AuthorRecord {
  approved: number;
  rejected: number;
  spam: number;
}
