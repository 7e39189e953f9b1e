/**
 * Moderator sign-in with Amazon Cognito: an invitation-only user pool with a
 * strong password policy and TOTP MFA, the `moderators` group the handlers
 * check, and an app client for the moderators' console (authorization code
 * + PKCE through the hosted UI; no client secret in a browser).
 */
import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { MODERATOR_GROUP } from '../../lambda/http/auth';

export interface ModeratorSignInProps {
  /** Where the console lives and sign-in returns to, e.g. https://d123.cloudfront.net/admin/ (a token is fine). */
  consoleUrl: string;
  /** Hosted UI prefix; null derives a unique one from the stack id. Set once: Cognito refuses a second domain on update. */
  domainPrefix: string | null;
  /** Off only for a first deploy, so a failed create can roll back and delete the pool (docs/deploy.md). */
  deletionProtection: boolean;
}

export class ModeratorSignIn extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: ModeratorSignInProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Moderators', {
      // Moderators are invited by an operator (docs/deploy.md: admin-create-user); nobody signs up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection blocks credential stuffing; a handful of moderators costs cents a month.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    const moderators = new UserPoolGroup(this, 'ModeratorsGroup', {
      userPool: this.userPool,
      groupName: MODERATOR_GROUP,
      description: 'May read the queue, see emails and approve, reject, mark as spam or delete comments',
    });
    // Kept with the retained pool: every admin route checks membership, so the moderators keep their rights.
    moderators.applyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

    this.client = this.userPool.addClient('Console', {
      generateSecret: false,
      // SRP for a console that signs in itself; admin password auth (needs IAM credentials) for the CLI token of docs/deploy.md.
      authFlows: { userSrp: true, adminUserPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [props.consoleUrl],
        logoutUrls: [props.consoleUrl],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    // Hosted UI prefixes are global per region: default to one unique to this stack.
    const stackUuidPart = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? Fn.join('-', ['comment-moderation', stackUuidPart]) },
    });
  }

  /** https://<prefix>.auth.<region>.amazoncognito.com */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }
}
