/** PUT /admin/settings: what docs/openapi.json says of this route beside what the route table says. */
import { MODERATION_BODY_BYTES, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Change the moderation settings',
  description:
    'A partial update. With version, a change made since is 409 and nothing changes. Locally the change applies to the next request; deployed within SETTINGS_CACHE_SECONDS.',
  body: { required: false, json: 'SettingsPatch', maxBytes: MODERATION_BODY_BYTES, description: 'The settings to change.' },
  answers: {
    200: { description: 'The new settings.', body: 'Settings' },
    400: { description: 'BadRequest: a body that is not a JSON object.', body: 'Error' },
    409: { description: 'VersionConflict: the settings changed since version.', body: 'Error' },
    422: { description: 'ValidationError: unknown keys and values out of range, each named.', body: 'ValidationError' },
  },
};
