/**
 * The CDK app: one environment-agnostic stack, checked by cdk-nag's AWS
 * Solutions rules on every synth (any unacknowledged finding fails it).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CommentServiceStack } from '../lib/comment-service-stack';
import { prepareWebAssets } from '../lib/web-assets';

async function main(): Promise<void> {
  const app = new App();
  const webAssetsDir = await prepareWebAssets();
  const stackName = String(app.node.tryGetContext('stackName') ?? 'CommentModeration');
  new CommentServiceStack(app, stackName, {
    description: 'Comment moderation service: API Gateway, Lambda, DynamoDB, Cognito, WAF, CloudFront',
    webAssetsDir,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
