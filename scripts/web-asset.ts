/** One file of the built site: what `npm run build:web` writes and the stack uploads. */
export interface WebAsset {
  /** Path under the site root, e.g. "assets/comments.js". */
  path: string;
  contents: Uint8Array;
  contentType: string;
}
