/** GET /admin/comments: what docs/openapi.json says of this route beside what the route table says. */
import { LIST_STATUSES } from '../../http/list-query';
import { cursor, limit, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: "The moderation queue, another status list, or one email's comments",
  description:
    "Pending comments oldest first (the queue); the other statuses newest first. Optionally one article only. With sort=risk, the highest classifier score first (ties newest first; comments no classifier scored last). With email: every stored comment of that address in any status, newest first, found through the private table's email index by the address's keyed hash. Each comment carries its author's record (approved, rejected and spam counts for its email).",
  query: [
    {
      name: 'status',
      description:
        "Which list (default pending); reported: comments with readers' reports since their last approval, most recently reported first, across articles.",
      schema: { type: 'string', enum: [...LIST_STATUSES] },
    },
    limit,
    cursor,
    { name: 'articleId', description: 'Only comments on this article.', schema: { type: 'string' } },
    {
      name: 'sort',
      description: 'risk: highest spam or toxicity score first (not with articleId); time (the default): by when posted.',
      schema: { type: 'string', enum: ['time', 'risk'] },
    },
    {
      name: 'email',
      description: 'Every comment of this address, newest first (not with status, articleId or sort).',
      schema: { type: 'string' },
    },
  ],
  answers: {
    200: { description: "One page, with emails and authors' records.", body: 'ModerationPage' },
    400: {
      description:
        'BadRequest: unknown status or sort, sort=risk with articleId, limit out of range, a bad cursor, a parameter given twice, or email with status, articleId or sort.',
      body: 'Error',
    },
    422: { description: 'ValidationError: email is not an address.', body: 'ValidationError' },
  },
};
