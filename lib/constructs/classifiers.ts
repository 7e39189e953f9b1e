/**
 * The classifier providers a deployment enables (`-c classifiers=...`):
 * for `comprehend` the right to call DetectToxicContent, for `guardrails` a
 * Bedrock guardrail with content filters and the right to apply it, for
 * `akismet` an empty secret for the API key (the operator fills it in) and
 * the right to read it. `builtin` needs nothing: it runs in the function.
 * Every function learns the enabled list (the settings refuse others);
 * only functions whose route lists `classifiers` get the rights.
 */
import { createHash } from 'node:crypto';
import { RemovalPolicy, SecretValue, Stack, Token, Validations } from 'aws-cdk-lib';
import { CfnGuardrail, CfnGuardrailVersion } from 'aws-cdk-lib/aws-bedrock';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AKISMET_KEY_PLACEHOLDER } from '../../lambda/adapters/classifiers/akismet';
import type { ProviderName } from '../../lambda/domain/ports/classifier';

export interface ClassifiersProps {
  providers: readonly ProviderName[];
  timeLimitMs: number;
  /** The site's front page, Akismet's `blog` field. */
  siteUrl: string;
}

/** Comprehend's DetectToxicContent has no resource-level permissions (the service authorization reference lists none). */
export const COMPREHEND_WILDCARD = 'comprehend:DetectToxicContent supports no resource-level permissions';

/** Insults, hate, violence, sexual content and misconduct; prompt attacks do not apply to reader comments. */
const FILTERS = ['INSULTS', 'HATE', 'VIOLENCE', 'SEXUAL', 'MISCONDUCT'] as const;

export class Classifiers extends Construct {
  readonly providers: readonly ProviderName[];
  readonly guardrail: CfnGuardrail | undefined;
  readonly guardrailVersion: CfnGuardrailVersion | undefined;
  readonly akismetKey: Secret | undefined;
  private readonly props: ClassifiersProps;

  constructor(scope: Construct, id: string, props: ClassifiersProps) {
    super(scope, id);
    this.props = props;
    this.providers = props.providers;
    if (props.providers.includes('guardrails')) {
      // Guardrail names are unique per account and region: the stack's name keeps a staging and a production stack apart.
      const stackName = Stack.of(this).stackName;
      const guardrailProps = {
        name: Token.isUnresolved(stackName) ? `${id}-comments` : `${stackName}-comments`.replace(/[^0-9A-Za-z_-]/g, '-').slice(0, 50),
        description:
          'Scores reader comments for toxicity (the comment service only reads the filters’ confidence; it blocks nothing itself)',
        blockedInputMessaging: 'This comment was held for review.',
        blockedOutputsMessaging: 'This comment was held for review.',
        contentPolicyConfig: {
          filtersConfig: FILTERS.map((type) => ({ type, inputStrength: 'HIGH', outputStrength: 'NONE' })),
        },
      };
      this.guardrail = new CfnGuardrail(this, 'Guardrail', guardrailProps);
      // A version is a snapshot: only a new one carries edited filters to the functions. Its description changes with
      // the configuration (a change replaces the version), so every configuration change mints one.
      const configurationHash = createHash('sha256').update(JSON.stringify(guardrailProps)).digest('hex').slice(0, 12);
      this.guardrailVersion = new CfnGuardrailVersion(this, 'GuardrailVersion', {
        guardrailIdentifier: this.guardrail.attrGuardrailId,
        description: `The version the functions apply (configuration ${configurationHash})`,
      });
    }
    if (props.providers.includes('akismet')) {
      // Created without a key on purpose (a placeholder: Secrets Manager refuses an empty value); the key is the
      // operator's, put in with `aws secretsmanager put-secret-value` (docs/triage.md). Until then comments are held.
      this.akismetKey = new Secret(this, 'AkismetKey', {
        description: 'Akismet API key for the comment service: put the key in after deploying (until then comments are held)',
        secretStringValue: SecretValue.unsafePlainText(AKISMET_KEY_PLACEHOLDER),
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(this.akismetKey).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A third-party API key issued by Akismet: it can only be rotated at Akismet, by the operator, who then puts the new key in (docs/triage.md). Secrets Manager cannot rotate it.',
      });
    }
  }

  /** For every function: which providers the settings may name, and the time limit. */
  sharedEnvironment(): Record<string, string> {
    return { CLASSIFIERS: this.providers.join(','), CLASSIFIER_TIME_LIMIT_MS: String(this.props.timeLimitMs) };
  }

  /** For functions that call the providers. */
  callerEnvironment(): Record<string, string> {
    return {
      ...(this.guardrail && this.guardrailVersion
        ? { GUARDRAIL_ID: this.guardrail.attrGuardrailId, GUARDRAIL_VERSION: this.guardrailVersion.attrVersion }
        : {}),
      ...(this.akismetKey ? { AKISMET_API_KEY_SECRET_ARN: this.akismetKey.secretArn, SITE_URL: this.props.siteUrl } : {}),
    };
  }

  /** For the feedback consumer: only what reporting to a learning provider (Akismet) needs. */
  feedbackEnvironment(): Record<string, string> {
    return this.akismetKey ? { AKISMET_API_KEY_SECRET_ARN: this.akismetKey.secretArn, SITE_URL: this.props.siteUrl } : {};
  }

  feedbackStatements(): PolicyStatement[] {
    return this.akismetKey
      ? [
          new PolicyStatement({
            sid: 'ReadAkismetKey',
            effect: Effect.ALLOW,
            actions: ['secretsmanager:GetSecretValue'],
            resources: [this.akismetKey.secretArn],
          }),
        ]
      : [];
  }

  /** Some enabled provider learns from moderators' decisions (only Akismet does). */
  get learnsFromFeedback(): boolean {
    return this.akismetKey !== undefined;
  }

  callerStatements(): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    const allow = (sid: string, actions: string[], resources: string[]) =>
      statements.push(new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources }));
    if (this.providers.includes('comprehend')) allow('DetectToxicContent', ['comprehend:DetectToxicContent'], ['*']);
    if (this.guardrail) allow('ApplyGuardrail', ['bedrock:ApplyGuardrail'], [this.guardrail.attrGuardrailArn]);
    if (this.akismetKey) allow('ReadAkismetKey', ['secretsmanager:GetSecretValue'], [this.akismetKey.secretArn]);
    return statements;
  }
}
