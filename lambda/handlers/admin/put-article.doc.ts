/** PUT /admin/articles/{articleId}: what docs/openapi.json says of this route beside what the route table says. */
import { MODERATION_BODY_BYTES, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: "Change an article's comment settings",
  description: 'Open or close comments, set the publish date (closeAfterDays counts from it) or the premoderation. Creates the article.',
  body: { required: false, json: 'ArticlePatch', maxBytes: MODERATION_BODY_BYTES, description: 'The settings to change.' },
  answers: {
    200: { description: "The article's new settings.", body: 'Article' },
    400: { description: 'BadRequest: malformed article id or a body that is not a JSON object.', body: 'Error' },
    422: { description: 'ValidationError: unknown keys or bad values, each named.', body: 'ValidationError' },
  },
};
