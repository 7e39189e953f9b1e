/**
 * The deployable comment moderation service: tables, one function per route
 * of the shared route table, the REST API with Cognito, WAF, alarms, stream
 * consumers and the hosted web pages. Environment-agnostic and free of
 * lookups, so `cdk synth` runs offline without credentials.
 */
import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TABLE_ENV } from '../lambda/adapters/dynamodb/schema';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { EDGE_CACHE_ENV } from '../lambda/http/edge-cache';
import { MAIL_FEEDBACK, SCHEDULED_JOBS, STREAM_CONSUMERS, type ScheduledJob, type StreamConsumer } from '../lambda/background-functions';
import { ROUTES, type Access, type Route } from '../lambda/routes';
import { type AccessTargets, secretEnvironment, statementsFor } from './access-policy';
import { externalModulesFor } from './bundling';
import { type StackConfig, readConfig } from './config';
import { ApiFirewall } from './constructs/api-firewall';
import { Classifiers, COMPREHEND_WILDCARD } from './constructs/classifiers';
import { CommentsApi } from './constructs/comments-api';
import { DataTables } from './constructs/data-tables';
import { ModerationDesk } from './constructs/moderation-desk';
import { ModeratorSignIn } from './constructs/moderator-sign-in';
import { Notifications } from './constructs/notifications';
import { OperationsAlarms } from './constructs/operations-alarms';
import { ReplyMail } from './constructs/reply-mail';
import { ReadCache } from './constructs/read-cache';
import { ServiceFunction } from './constructs/service-function';
import { ServiceSecrets } from './constructs/service-secrets';
import { LIST_STREAMS_WILDCARD, StreamConsumers } from './constructs/stream-consumers';
import { WebHosting } from './constructs/web-hosting';

/** The moderators' console on the site (also its sign-in callback URL). */
export const CONSOLE_PATH = '/admin/';

export interface CommentServiceStackProps extends StackProps {
  /** Defaults to ROUTES; tests pass a modified table to prove the stack follows it. */
  routes?: readonly Route[];
  /** Defaults to STREAM_CONSUMERS. */
  streamConsumers?: readonly StreamConsumer[];
  /** Defaults to SCHEDULED_JOBS. */
  scheduledJobs?: readonly ScheduledJob[];
  /** Built browser assets (web/dist); undefined deploys a placeholder page. */
  webAssetsDir?: string;
}

export class CommentServiceStack extends Stack {
  readonly config: StackConfig;
  readonly tables: DataTables;
  readonly functions = new Map<string, ServiceFunction>();
  readonly api: CommentsApi;
  readonly signIn: ModeratorSignIn;
  readonly web: WebHosting;
  readonly notifications: Notifications;
  readonly desk: ModerationDesk;
  /** Reply notifications by SES; only with -c mailFrom. */
  readonly replyMail: ReplyMail | undefined;
  readonly readCache: ReadCache;

  constructor(scope: Construct, id: string, props: CommentServiceStackProps = {}) {
    super(scope, id, props);
    const config = (this.config = readConfig(this.node));
    const routes = props.routes ?? ROUTES;

    this.tables = new DataTables(this, 'Data');
    const secrets = new ServiceSecrets(this, 'Keys');
    const classifiers = new Classifiers(this, 'Classifiers', {
      providers: config.classifiers,
      timeLimitMs: config.classifierTimeLimitMs,
      // Akismet's `blog`: the news site the key was registered for.
      siteUrl: config.allowedOrigins[0] ?? '',
    });
    const targets: AccessTargets = {
      comments: this.tables.comments,
      private: this.tables.private,
      privateKey: this.tables.privateKey,
      hashKeySecret: secrets.hashKey,
      cursorKeySecret: secrets.cursorKey,
      classifierStatements: classifiers.callerStatements(),
    };
    this.notifications = new Notifications(this, 'Notifications', { emails: config.moderatorEmails });

    this.web = new WebHosting(this, 'Web', { logRetention: config.logRetention });
    const consoleUrl = `${this.web.origin}${CONSOLE_PATH}`;
    this.signIn = new ModeratorSignIn(this, 'SignIn', { consoleUrl, domainPrefix: config.authDomainPrefix });

    // The hosted demo page posts like an article page; the console is the only browser client of /admin.
    const publicOrigins = [...config.allowedOrigins, this.web.origin];
    const consoleOrigins = [this.web.origin];

    const createFunction = (
      name: string,
      entry: string,
      access: readonly Access[],
      extra: { environment?: Record<string, string>; public?: boolean; wildcardResourceUses?: string[] },
    ) => {
      const callsClassifiers = access.includes('classifiers');
      const comprehend = callsClassifiers && config.classifiers.includes('comprehend') ? [COMPREHEND_WILDCARD] : [];
      const fn = new ServiceFunction(this, name, {
        entry,
        description: `Comment service: ${name}`,
        memoryMb: config.lambdaMemoryMb,
        timeoutSeconds: config.lambdaTimeoutSeconds,
        logRetention: config.logRetention,
        reservedConcurrency: extra.public ? (config.publicReservedConcurrency ?? undefined) : undefined,
        wildcardResourceUses: [...(extra.wildcardResourceUses ?? []), ...comprehend],
        externalModules: externalModulesFor(access),
        environment: {
          // Table names are not access: IAM decides what each function may touch.
          [TABLE_ENV.Comments]: this.tables.comments.tableName,
          [TABLE_ENV.Private]: this.tables.private.tableName,
          ...secretEnvironment(access, targets),
          ...classifiers.sharedEnvironment(),
          ...(callsClassifiers ? classifiers.callerEnvironment() : {}),
          ...extra.environment,
        },
      });
      fn.addToRolePolicy(...statementsFor(access, targets));
      return fn;
    };

    const { mailFrom } = config;
    this.replyMail = mailFrom ? new ReplyMail(this, 'ReplyMail', { mailFrom, topicKey: this.notifications.key }) : undefined;
    const articleUrl = config.articleUrl ?? `${config.allowedOrigins[0] ?? this.web.origin}/{articleId}`;

    for (const route of routes) {
      if (this.functions.has(route.name)) throw new Error(`two routes are named ${route.name}`);
      const isPublic = route.auth === 'public';
      this.functions.set(
        route.name,
        createFunction(route.name, route.entry, route.access, {
          public: isPublic,
          environment: {
            ALLOWED_ORIGINS: (isPublic ? publicOrigins : consoleOrigins).join(','),
            ...(this.replyMail && route.needs?.includes('replyMail') ? { REPLY_NOTIFICATIONS: 'on' } : {}),
            // The lifetimes the edge caches this route's answers for.
            ...(route.edge === 'cached'
              ? {
                  [EDGE_CACHE_ENV.freshSeconds]: String(config.edgeCacheSeconds),
                  [EDGE_CACHE_ENV.staleSeconds]: String(config.edgeStaleSeconds),
                }
              : {}),
          },
        }),
      );
    }

    this.desk = new ModerationDesk(this, 'Desk', {
      topic: this.notifications.alarmTopic,
      queueAgeAlarmHours: config.queueAgeAlarmHours,
      jobs: props.scheduledJobs ?? SCHEDULED_JOBS,
      createFunction: (job) => createFunction(job.name, job.entry, job.access, {}),
    });
    for (const [name, fn] of this.desk.jobs) this.functions.set(name, fn);

    this.api = new CommentsApi(this, 'Http', {
      routes,
      functions: this.functions,
      config,
      publicOrigins,
      consoleOrigins,
      userPool: this.signIn.userPool,
    });
    this.readCache = new ReadCache(this, 'ReadCache', {
      api: this.api.api,
      stageName: config.stageName,
      routes,
      originShieldRegion: config.originShieldRegion,
    });

    const mailers: ServiceFunction[] = [];
    const consumers = new StreamConsumers(this, 'StreamConsumers', {
      // Without mailFrom nothing is mailed: the mail consumer is not deployed at all.
      consumers: (props.streamConsumers ?? STREAM_CONSUMERS).filter((c) => this.replyMail || !c.needs.includes('mail')),
      tables: { Comments: this.tables.comments },
      createFunction: (consumer) => {
        const notifies = consumer.needs.includes('notifyTopic');
        const purges = consumer.needs.includes('edgeDistribution');
        const mails = consumer.needs.includes('mail') ? this.replyMail : undefined;
        const fn = createFunction(consumer.name, consumer.entry, consumer.access, {
          environment: {
            // The digest links to the console.
            ...(notifies ? { NOTIFY_TOPIC_ARN: this.notifications.notifyTopic.topicArn, CONSOLE_URL: consoleUrl } : {}),
            ...(purges
              ? { EDGE_DISTRIBUTION_ID: this.readCache.distribution.distributionId, EDGE_API_PREFIX: this.readCache.apiPrefix }
              : {}),
            ...(mails && mailFrom
              ? { MAIL_FROM: mailFrom, ARTICLE_URL: articleUrl, MAIL_CONFIGURATION_SET: mails.configurationSet.configurationSetName }
              : {}),
          },
          wildcardResourceUses: [LIST_STREAMS_WILDCARD],
        });
        if (notifies) fn.addToRolePolicy(...this.notifications.publishStatements());
        if (purges) fn.addToRolePolicy(this.readCache.invalidateStatement());
        if (mails) {
          fn.addToRolePolicy(mails.sendStatement());
          mailers.push(fn);
        }
        return fn;
      },
    });
    if (this.replyMail) {
      const feedback = createFunction(MAIL_FEEDBACK.name, MAIL_FEEDBACK.entry, MAIL_FEEDBACK.access, {});
      this.replyMail.feedbackTopic.addSubscription(new LambdaSubscription(feedback.function));
      this.functions.set(MAIL_FEEDBACK.name, feedback);
    }
    for (const consumer of consumers.deployed) this.functions.set(consumer.name, consumer.fn);

    new ApiFirewall(this, 'Firewall', {
      stageArn: this.api.api.deploymentStage.stageArn,
      commentPostsPerIpPer5Minutes: config.commentPostsPerIpPer5Minutes,
    });

    const apiOrigin = `https://${this.api.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    // Confirm and unsubscribe links point at the API: built from the API's id and the stage name, not the stage
    // itself, which depends on every method and so (through its integration) on this function.
    for (const fn of mailers) fn.function.addEnvironment('PUBLIC_API_URL', `${apiOrigin}/${config.stageName}`);
    this.web.allowConnectionsTo(apiOrigin, { acceptsForms: true });
    this.web.allowConnectionsTo(this.signIn.hostedUiUrl);
    this.web.allowConnectionsTo(`https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`);
    this.web.deployAssets(
      props.webAssetsDir,
      {
        apiUrl: this.api.url,
        region: Aws.REGION,
        cognitoDomain: this.signIn.hostedUiUrl,
        clientId: this.signIn.client.userPoolClientId,
        userPoolId: this.signIn.userPool.userPoolId,
        redirectUri: consoleUrl,
      },
      { apiUrl: `${apiOrigin}/${this.api.api.deploymentStage.stageName}`, siteUrl: this.web.origin },
    );

    new OperationsAlarms(this, 'Alarms', {
      topic: this.notifications.alarmTopic,
      api: this.api.api,
      functions: new Map([...this.functions].map(([name, fn]) => [name, fn.function])),
      tables: this.tables.all.map(({ definition, table }) => ({ name: definition.logicalName, table })),
      streamConsumers: consumers.deployed.map((c) => ({ name: c.name, fn: c.fn.function, failures: c.failures })),
      otherAlarms: [this.desk.queueAgeAlarm],
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: "Point the article page's form at this URL (+ articles/{articleId}/comments)",
    });
    new CfnOutput(this, 'ReadUrl', {
      value: this.readCache.readUrl,
      description: "Public reads through CloudFront: the form script's data-read-url and the counts script's data-api-url",
    });
    new CfnOutput(this, 'SiteUrl', { value: this.web.origin, description: 'The hosted demo article page' });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl, description: "The moderators' console" });
    new CfnOutput(this, 'UserPoolId', { value: this.signIn.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.signIn.client.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: this.signIn.hostedUiUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.notifications.alarmTopic.topicArn });
    if (classifiers.akismetKey) {
      new CfnOutput(this, 'AkismetKeySecretArn', { value: classifiers.akismetKey.secretArn, description: 'Put the Akismet API key here' });
    }
  }
}
