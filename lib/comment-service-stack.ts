/**
 * The deployable comment moderation service: tables, one function per route
 * of the shared route table, the REST API with Cognito, WAF, alarms, stream
 * consumers and the hosted web pages. Environment-agnostic and free of
 * lookups, so `cdk synth` runs offline without credentials.
 */
import { Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_ENV } from '../lambda/adapters/dynamodb/schema';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { EDGE_CACHE_ENV } from '../lambda/http/edge-cache';
import {
  MAIL_FEEDBACK,
  SCHEDULED_JOBS,
  STREAM_CONSUMERS,
  STREAM_DISPATCHER,
  type ScheduledJob,
  type StreamConsumer,
} from '../lambda/background-functions';
import { ROUTES, type Access, type Route } from '../lambda/routes';
import { type AccessTargets, secretEnvironment, statementsFor } from './access-policy';
import { externalModulesFor, filesBesideBundle } from './bundling';
import { type StackConfig, readConfig } from './config';
import { addRegionRules, originShieldForStackRegion } from './regions';
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
import { LIST_STREAMS_WILDCARD, STREAM_READING, StreamConsumers } from './constructs/stream-consumers';
import { WebHosting } from './constructs/web-hosting';
import { failureQueue } from './constructs/failure-queue';

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

    this.tables = new DataTables(this, 'Data', { deletionProtection: config.deletionProtection });
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
      classifierFeedbackStatements: classifiers.feedbackStatements(),
    };
    this.notifications = new Notifications(this, 'Notifications', { emails: config.moderatorEmails });

    this.web = new WebHosting(this, 'Web', { logRetention: config.logRetention });
    const consoleUrl = `${this.web.origin}${CONSOLE_PATH}`;
    this.signIn = new ModeratorSignIn(this, 'SignIn', {
      consoleUrl,
      domainPrefix: config.authDomainPrefix,
      deletionProtection: config.deletionProtection,
    });

    // The hosted demo page posts like an article page; the console is the only browser client of /admin.
    const publicOrigins = [...config.allowedOrigins, this.web.origin];
    const consoleOrigins = [this.web.origin];

    const createFunction = (
      name: string,
      entry: string,
      access: readonly Access[],
      extra: { environment?: Record<string, string>; public?: boolean; wildcardResourceUses?: string[]; timeoutSeconds?: number },
    ) => {
      const callsClassifiers = access.includes('classifiers');
      const comprehend = callsClassifiers && config.classifiers.includes('comprehend') ? [COMPREHEND_WILDCARD] : [];
      const fn = new ServiceFunction(this, name, {
        entry,
        description: `Comment service: ${name}`,
        memoryMb: config.lambdaMemoryMb,
        timeoutSeconds: extra.timeoutSeconds ?? config.lambdaTimeoutSeconds,
        logRetention: config.logRetention,
        reservedConcurrency: extra.public ? (config.publicReservedConcurrency ?? undefined) : undefined,
        wildcardResourceUses: [...(extra.wildcardResourceUses ?? []), ...comprehend],
        externalModules: externalModulesFor(access),
        filesBesideBundle: filesBesideBundle(access),
        environment: {
          // Table names are not access: IAM decides what each function may touch.
          [TABLE_ENV.Comments]: this.tables.comments.tableName,
          [TABLE_ENV.Private]: this.tables.private.tableName,
          ...secretEnvironment(access, targets),
          ...classifiers.sharedEnvironment(),
          ...(callsClassifiers ? classifiers.callerEnvironment() : {}),
          ...(access.includes('classifiers:feedback') ? classifiers.feedbackEnvironment() : {}),
          ...extra.environment,
        },
      });
      fn.addToRolePolicy(...statementsFor(access, targets));
      return fn;
    };

    const { mailFrom } = config;
    addRegionRules(this, {
      mail: mailFrom !== null,
      guardrails: config.classifiers.includes('guardrails'),
      comprehend: config.classifiers.includes('comprehend'),
    });
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
    // Known to CloudFront and the WAF only: the unique part of the stack's id, which no reader sees.
    const originHeader = { name: 'x-comment-read-cache', value: Fn.select(2, Fn.split('/', Aws.STACK_ID)) };
    this.readCache = new ReadCache(this, 'ReadCache', {
      api: this.api.api,
      stageName: config.stageName,
      routes,
      originShieldRegion: config.originShieldRegion ?? originShieldForStackRegion(this),
      originHeader,
      logBucket: this.web.logBucket,
      enableAccessLogs: (distribution) => this.web.skipLoggingWhereUnsupported(distribution, 'read-cache/'),
    });

    const mailers: ServiceFunction[] = [];
    const deployable = (c: StreamConsumer) =>
      // Without mailFrom nothing is mailed; without a provider that learns, no feedback is sent: those consumers are not deployed.
      (this.replyMail !== undefined || !c.needs.includes('mail')) &&
      (classifiers.learnsFromFeedback || !c.needs.includes('feedbackProvider'));
    const consumers = new StreamConsumers(this, 'StreamConsumers', {
      consumers: (props.streamConsumers ?? STREAM_CONSUMERS).filter(deployable),
      tables: { Comments: this.tables.comments },
      createDispatcher: (deployed) => {
        const needs = new Set(deployed.flatMap((c) => c.needs));
        const notifies = needs.has('notifyTopic');
        const purges = needs.has('edgeDistribution');
        const mails = needs.has('mail') ? this.replyMail : undefined;
        const fn = createFunction(STREAM_DISPATCHER.name, STREAM_DISPATCHER.entry, [...new Set(deployed.flatMap((c) => c.access))], {
          timeoutSeconds: STREAM_READING.timeoutSeconds,
          environment: {
            STREAM_CONSUMERS: deployed.map((c) => c.name).join(','),
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
    const failedEventQueues: Array<{ name: string; queue: Queue }> = [];
    if (this.replyMail) {
      const feedback = createFunction(MAIL_FEEDBACK.name, MAIL_FEEDBACK.entry, MAIL_FEEDBACK.access, {});
      this.replyMail.feedbackTopic.addSubscription(new LambdaSubscription(feedback.function));
      // SNS invokes it asynchronously: a bounce it fails on after Lambda's retries is kept, not dropped (the address
      // would otherwise be mailed again, which hurts the account's sending reputation).
      const failures = failureQueue(
        this,
        'MailFeedbackFailures',
        "This queue is itself the on-failure destination of MailFeedback's asynchronous invocations; an alarm watches it.",
      );
      feedback.function.configureAsyncInvoke({ onFailure: new SqsDestination(failures) });
      failedEventQueues.push({ name: MAIL_FEEDBACK.name, queue: failures });
      this.functions.set(MAIL_FEEDBACK.name, feedback);
    }
    const { dispatcher } = consumers;
    if (dispatcher) this.functions.set(STREAM_DISPATCHER.name, dispatcher.fn);

    new ApiFirewall(this, 'Firewall', {
      stageArn: this.api.api.deploymentStage.stageArn,
      commentPostsPerIpPer5Minutes: config.commentPostsPerIpPer5Minutes,
      requestsPerIpPer5Minutes: config.requestsPerIpPer5Minutes,
      originHeader,
    });

    const apiOrigin = `https://${this.api.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    // Confirm and unsubscribe links point at the API: built from the API's id and the stage name, not the stage
    // itself, which depends on every method and so (through its integration) on this function.
    for (const fn of mailers) fn.function.addEnvironment('PUBLIC_API_URL', `${apiOrigin}/${config.stageName}`);
    this.web.allowConnectionsTo(apiOrigin, { acceptsForms: true });
    // The demo page reads through the read cache, as an article page does.
    this.web.allowConnectionsTo(`https://${this.readCache.distribution.distributionDomainName}`);
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
      { apiUrl: `${apiOrigin}/${this.api.api.deploymentStage.stageName}`, siteUrl: this.web.origin, readUrl: this.readCache.readUrl },
    );

    new OperationsAlarms(this, 'Alarms', {
      topic: this.notifications.alarmTopic,
      api: this.api.api,
      functions: new Map([...this.functions].map(([name, fn]) => [name, fn.function])),
      tables: this.tables.all.map(({ definition, table }) => ({ name: definition.logicalName, table })),
      streamConsumers: dispatcher ? [{ name: STREAM_DISPATCHER.name, fn: dispatcher.fn.function, failures: dispatcher.failures }] : [],
      otherAlarms: [this.desk.queueAgeAlarm],
      failedEventQueues,
      mailReputation: this.replyMail !== undefined,
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
    // For the runbook (docs/deploy.md): replaying failed stream batches, and what `cdk destroy` leaves behind.
    if (dispatcher) {
      new CfnOutput(this, 'StreamDispatcherName', { value: dispatcher.fn.function.functionName });
      new CfnOutput(this, 'StreamFailureQueueUrl', { value: dispatcher.failures.queueUrl });
    }
    new CfnOutput(this, 'CommentsTableName', { value: this.tables.comments.tableName, description: 'Retained by cdk destroy' });
    new CfnOutput(this, 'PrivateTableName', { value: this.tables.private.tableName, description: 'Retained by cdk destroy' });
    if (classifiers.akismetKey) {
      new CfnOutput(this, 'AkismetKeySecretArn', { value: classifiers.akismetKey.secretArn, description: 'Put the Akismet API key here' });
    }
  }
}
