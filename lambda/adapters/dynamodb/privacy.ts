/**
 * The privacy port: anonymising (moderation.ts, which shares the status-change
 * transaction) and removing private data and what is left of an author
 * (private-data.ts). Assembled here because moderation.ts already imports
 * private-data.ts.
 */
import type { PrivacyStore } from '../../domain/ports/privacy-store';
import type { StoreContext } from './context';
import { anonymiseComment } from './moderation';
import { deleteContact, forgetAuthor } from './private-data';

export const dynamoDbPrivacyStore = (ctx: StoreContext): PrivacyStore => ({
  anonymiseComment: (change) => anonymiseComment(ctx, change),
  deleteContact: (contact) => deleteContact(ctx, contact),
  forgetAuthor: (emailHash, guardKeys) => forgetAuthor(ctx, emailHash, guardKeys),
});
