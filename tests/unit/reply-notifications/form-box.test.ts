import { describe, expect, it } from 'vitest';
import { commentFormHtml } from '../../../web/form/form-markup';

describe('the "Notify me of follow-up comments by email" box', () => {
  it('is hidden unless the deployment can send mail, and never ticked in advance', () => {
    const box =
      /<p class="comment-form-notify-replies"( hidden)?><input id="notify_replies" name="notify_replies" type="checkbox" value="yes">/;
    expect(commentFormHtml({ action: '/api/articles/a/comments' }).match(box)?.[1]).toBe(' hidden');
    const offered = commentFormHtml({ action: '/api/articles/a/comments', replyNotifications: true });
    expect(offered.match(box)?.[1]).toBeUndefined();
    expect(offered).toContain('<label for="notify_replies">Notify me of follow-up comments by email.</label>');
    expect(offered).not.toMatch(/notify_replies[^>]*checked/);
  });
});
