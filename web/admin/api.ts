/** The moderation API (docs/api.md, "Moderation"). */

import type { Ban, BanScope } from '../../lambda/domain/bans';
import type { CommentStatus, HistoryEntry, ModeratorComment } from '../../lambda/domain/comment';

import type { ErasureReceipt, PrivacyExport } from '../../lambda/domain/privacy-service';
import type { SiteSettings } from '../../lambda/domain/settings';
import type { ArticleView } from '../../lambda/domain/use-cases/site-settings';
import type { TriageSummary } from '../../lambda/domain/triage/triage-summary';

// The console reads the server's own types: a field the server adds or renames shows up here at compile time.
export type { HistoryEntry, ModeratorComment } from '../../lambda/domain/comment';
export type { PrivacyExport } from '../../lambda/domain/privacy-service';
export type { SiteSettings } from '../../lambda/domain/settings';
export type ArticleSettings = ArticleView;
export type { Ban, BanScope } from '../../lambda/domain/bans';
export type { TriageDay, TriageSummary } from '../../lambda/domain/triage/triage-summary';

/** The lists: the statuses, and Reported (comments readers reported since their last approval). */
export const STATUSES = ['pending', 'reported', 'approved', 'rejected', 'spam'] as const satisfies ReadonlyArray<
  CommentStatus | 'reported'
>;
export type Status = (typeof STATUSES)[number];
export type Action = 'approve' | 'reject' | 'spam' | 'delete';

export interface Page {
  comments: ModeratorComment[];
  nextCursor: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A 422's field messages, keyed as the API names them (`maxLinks`, `autoApprove`, …). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class ModerationApi {
  constructor(
    private readonly apiUrl: string,
    private readonly authorization: () => string,
    /** Called on 401 (credentials expired or wrong) and 403 (not a moderator). */
    private readonly onRefused: (status: 401 | 403) => void,
  ) {}

  list(status: Status, options: { limit?: number; cursor?: string | null; byRisk?: boolean } = {}): Promise<Page> {
    const query = new URLSearchParams({ status, limit: String(options.limit ?? 50) });
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.byRisk) query.set('sort', 'risk');
    return this.request<Page>('GET', `/admin/comments?${query}`);
  }

  /** Every comment of one email, newest first, in every status. */
  listByEmail(email: string, options: { limit?: number; cursor?: string | null } = {}): Promise<Page> {
    const query = new URLSearchParams({ email, limit: String(options.limit ?? 50) });
    if (options.cursor) query.set('cursor', options.cursor);
    return this.request<Page>('GET', `/admin/comments?${query}`);
  }

  get(id: string): Promise<ModeratorComment> {
    return this.request<ModeratorComment>('GET', `/admin/comments/${encodeURIComponent(id)}`);
  }

  /** Applies an action if the comment is still at the version the moderator saw (409 otherwise). Null after a delete. */
  async act(comment: Pick<ModeratorComment, 'id' | 'version'>, action: Action): Promise<ModeratorComment | null> {
    const id = encodeURIComponent(comment.id);
    if (action === 'delete') {
      await this.request('DELETE', `/admin/comments/${id}?expectedVersion=${comment.version}`);
      return null;
    }
    return this.request<ModeratorComment>('POST', `/admin/comments/${id}/${action}`, { expectedVersion: comment.version });
  }

  async history(id: string): Promise<HistoryEntry[]> {
    return (await this.request<{ history: HistoryEntry[] }>('GET', `/admin/comments/${encodeURIComponent(id)}/history`)).history;
  }

  settings(): Promise<SiteSettings> {
    return this.request<SiteSettings>('GET', '/admin/settings');
  }

  /** A partial update; with `version` it is refused (409) when someone saved in between. */
  saveSettings(patch: Record<string, unknown>): Promise<SiteSettings> {
    return this.request<SiteSettings>('PUT', '/admin/settings', patch);
  }

  article(articleId: string): Promise<ArticleSettings> {
    return this.request<ArticleSettings>('GET', `/admin/articles/${encodeURIComponent(articleId)}`);
  }

  saveArticle(articleId: string, patch: Partial<Omit<ArticleSettings, 'articleId'>>): Promise<ArticleSettings> {
    return this.request<ArticleSettings>('PUT', `/admin/articles/${encodeURIComponent(articleId)}`, patch);
  }

  privacyExport(email: string): Promise<PrivacyExport> {
    return this.request<PrivacyExport>('GET', `/admin/privacy/export?${new URLSearchParams({ email })}`);
  }

  privacyErase(email: string): Promise<ErasureReceipt> {
    return this.request('POST', '/admin/privacy/erase', { email });
  }

  async ban(id: string, body: { scope: BanScope; days: number | null; reason: string }): Promise<Ban> {
    return (await this.request<{ ban: Ban }>('POST', `/admin/comments/${encodeURIComponent(id)}/ban`, body)).ban;
  }

  async bans(): Promise<Ban[]> {
    return (await this.request<{ bans: Ban[] }>('GET', '/admin/bans')).bans;
  }

  async liftBan(id: string): Promise<void> {
    await this.request('DELETE', `/admin/bans/${encodeURIComponent(id)}`);
  }

  /** The Triage page's figures for the last 30 days. */
  triage(): Promise<TriageSummary> {
    return this.request<TriageSummary>('GET', '/admin/triage');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        method,
        headers: {
          Authorization: this.authorization(),
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'The comment service could not be reached. Check your connection.');
    }
    const text = await response.text();
    let parsed: { message?: string; fields?: Record<string, string> } = {};
    try {
      parsed = text ? (JSON.parse(text) as typeof parsed) : {};
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    if (response.status === 401 || response.status === 403) this.onRefused(response.status);
    if (!response.ok)
      throw new ApiError(response.status, parsed.message ?? `The request failed (${response.status}).`, parsed.fields ?? {});
    return parsed as T;
  }
}
