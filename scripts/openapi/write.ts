/** npm run openapi: writes docs/openapi.json from the route table and the schemas. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../build-web';
import { openApiText } from './generate';

const target = resolve(PROJECT_ROOT, 'docs', 'openapi.json');
openApiText().then((text) => {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
});
