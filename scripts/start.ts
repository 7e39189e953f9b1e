/**
 * npm start: the whole service locally.
 *   PORT (3000)  DATA_DIR (.data)  IN_MEMORY=1 or --in-memory
 *   MODERATOR_TOKEN (generated when unset)  LOCAL_USER_TOKEN  DYNAMODB_PORT
 *   --bundles        serve the functions from the bundles of a fresh `cdk synth` (into cdk.out)
 *   --bundles=<dir>  serve them from an existing cloud assembly, e.g. --bundles=cdk.out
 */
import { resolve } from 'node:path';
import { synthesizeCloudAssembly } from './local/cloud-assembly';
import { deployedBundles } from './local/deployed-bundles';
import { LocalSetupError } from './local/dynamodb-local';
import { startLocalRuntime } from './local/runtime';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const inMemory = process.argv.includes('--in-memory') || process.env.IN_MEMORY === '1';
  const bundles = await bundlesFromArguments(process.argv.slice(2));
  const runtime = await startLocalRuntime({
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    dataDir: process.env.DATA_DIR ?? '.data',
    inMemory,
    moderatorToken: process.env.MODERATOR_TOKEN || undefined,
    userToken: process.env.LOCAL_USER_TOKEN || undefined,
    dynamoDbPort: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined,
    handlers: bundles ? deployedBundles(bundles) : undefined,
  });
  const lines = [
    '',
    `  Article page     ${runtime.url}/`,
    `  Moderation       ${runtime.url}/admin`,
    `  API              ${runtime.apiUrl}`,
    `  Moderator token  ${runtime.moderatorToken}`,
    `  Functions        ${bundles ? `the deployable bundles in ${bundles}` : 'the TypeScript sources'}`,
    `  Database         DynamoDB Local on ${runtime.dynamodb.endpoint} (${inMemory ? 'in memory' : `data in ${process.env.DATA_DIR ?? '.data'}/`})`,
    '',
    '  Ctrl-C stops the server and DynamoDB Local.',
    '',
  ];
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The cloud assembly to serve the functions from, or undefined for the sources. */
async function bundlesFromArguments(args: string[]): Promise<string | undefined> {
  const given = args.find((a) => a === '--bundles' || a.startsWith('--bundles='));
  if (!given) return undefined;
  if (given.startsWith('--bundles=')) return resolve(given.slice('--bundles='.length));
  console.log('Synthesizing the stack (npx cdk synth) to serve its bundles…');
  await synthesizeCloudAssembly('cdk.out');
  return resolve('cdk.out');
}

main().catch((error: unknown) => {
  if (error instanceof LocalSetupError) console.error(error.message);
  else console.error('npm start failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
