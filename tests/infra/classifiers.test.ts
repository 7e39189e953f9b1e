/** `-c classifiers=...`: each enabled provider gets exactly its rights, the guardrail, the empty secret and the time limit. */
import { AwsSolutionsChecks } from 'cdk-nag';
import { AKISMET_KEY_PLACEHOLDER } from '../../lambda/adapters/classifiers/akismet';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, logicalIdOf, referencedId, resourcesOf, statementsOf, synthesize, type Synthesized } from './support';

let all: Synthesized;
let plain: Synthesized;
beforeAll(() => {
  all = synthesize({}, { classifiers: 'builtin,akismet,comprehend,guardrails', classifierTimeLimitMs: '1200' });
  plain = synthesize();
});

const functionOf = (s: Synthesized, name: string) =>
  resourcesOf(s.template, 'AWS::Lambda::Function')[logicalIdOf(s.stack, `${name}/Function`)]!.Properties;

/** "action resource-id" pairs of a function's role beyond its logs and X-Ray. */
function rightsOf(s: Synthesized, name: string): string[] {
  const role = logicalIdOf(s.stack, `${name}/Role`);
  const policies = Object.values(resourcesOf(s.template, 'AWS::IAM::Policy')).filter((p) =>
    p.Properties.Roles.some((r: unknown) => referencedId(r) === role),
  );
  return policies
    .flatMap(statementsOf)
    .flatMap((st) =>
      asArray(st.Action).flatMap((a) => asArray(st.Resource).map((r) => `${a} ${r === '*' ? '*' : (referencedId(r) ?? 'other')}`)),
    )
    .filter((pair) => /^(comprehend|bedrock|secretsmanager):/.test(pair))
    .sort();
}

describe('classifiers enabled at deploy', () => {
  it('creates a guardrail filtering insults, hate, violence, sexual content and misconduct, and a version of it', () => {
    const guardrails = Object.values(resourcesOf(all.template, 'AWS::Bedrock::Guardrail'));
    expect(guardrails).toHaveLength(1);
    const filters = guardrails[0]!.Properties.ContentPolicyConfig.FiltersConfig;
    expect(filters.map((f: { Type: string }) => f.Type).sort()).toEqual(['HATE', 'INSULTS', 'MISCONDUCT', 'SEXUAL', 'VIOLENCE']);
    expect(filters.every((f: { InputStrength: string }) => f.InputStrength === 'HIGH')).toBe(true);
    expect(Object.values(resourcesOf(all.template, 'AWS::Bedrock::GuardrailVersion'))).toHaveLength(1);
  });

  it('creates the Akismet key secret without a key (a placeholder the adapter reads as none), for the operator to fill in', () => {
    const secret = resourcesOf(all.template, 'AWS::SecretsManager::Secret')[logicalIdOf(all.stack, 'Classifiers/AkismetKey')]!;
    expect(secret.Properties.SecretString).toBe(AKISMET_KEY_PLACEHOLDER);
    expect(secret.Properties.GenerateSecretString).toBeUndefined();
  });

  it('lets the submitting function call exactly the enabled providers, and tells it how', () => {
    const guardrail = logicalIdOf(all.stack, 'Classifiers/Guardrail');
    const secret = logicalIdOf(all.stack, 'Classifiers/AkismetKey');
    expect(rightsOf(all, 'SubmitComment')).toEqual(
      [
        'comprehend:DetectToxicContent *',
        `bedrock:ApplyGuardrail ${guardrail}`,
        `secretsmanager:GetSecretValue ${secret}`,
        `secretsmanager:GetSecretValue ${logicalIdOf(all.stack, 'Keys/HashKey')}`,
      ].sort(),
    );
    const env = functionOf(all, 'SubmitComment').Environment.Variables;
    expect(env).toMatchObject({
      CLASSIFIERS: 'builtin,akismet,comprehend,guardrails',
      CLASSIFIER_TIME_LIMIT_MS: '1200',
      GUARDRAIL_ID: { 'Fn::GetAtt': [guardrail, 'GuardrailId'] },
      AKISMET_API_KEY_SECRET_ARN: { Ref: secret },
      SITE_URL: 'https://news.example.com',
    });
    expect(referencedId(env.GUARDRAIL_VERSION)).toBe(logicalIdOf(all.stack, 'Classifiers/GuardrailVersion'));
  });

  it('gives other functions the list (settings refuse the rest) but no rights to call', () => {
    expect(functionOf(all, 'AdminPutSettings').Environment.Variables.CLASSIFIERS).toBe('builtin,akismet,comprehend,guardrails');
    expect(functionOf(all, 'AdminPutSettings').Environment.Variables.GUARDRAIL_ID).toBeUndefined();
    expect(rightsOf(all, 'ListComments').filter((p) => !p.includes(logicalIdOf(all.stack, 'Keys/CursorKey')))).toEqual([]);
  });

  it('lets the stream dispatcher report feedback with the Akismet key only, never classify', () => {
    const secret = logicalIdOf(all.stack, 'Classifiers/AkismetKey');
    expect(rightsOf(all, 'StreamDispatcher')).toEqual([`secretsmanager:GetSecretValue ${secret}`]);
    const env = functionOf(all, 'StreamDispatcher').Environment.Variables;
    expect(env.STREAM_CONSUMERS.split(',')).toContain('ClassifierFeedback');
    expect(env).toMatchObject({ AKISMET_API_KEY_SECRET_ARN: { Ref: secret } });
    expect(env.GUARDRAIL_ID).toBeUndefined();
  });

  it('has no unacknowledged cdk-nag finding', () => {
    const report = new AwsSolutionsChecks(all.app).validateScope(all.app);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('by default (builtin only)', () => {
  it('creates no guardrail and no Akismet secret, grants no provider, and keeps the 800 ms limit', () => {
    expect(Object.keys(resourcesOf(plain.template, 'AWS::Bedrock::Guardrail'))).toEqual([]);
    expect(plain.stack.node.tryFindChild('Classifiers')?.node.tryFindChild('AkismetKey')).toBeUndefined();
    expect(rightsOf(plain, 'SubmitComment').filter((p) => !/^secretsmanager/.test(p))).toEqual([]);
    expect(functionOf(plain, 'SubmitComment').Environment.Variables).toMatchObject({
      CLASSIFIERS: 'builtin',
      CLASSIFIER_TIME_LIMIT_MS: '800',
    });
  });

  it('deploys no classifier feedback: no provider learns from it', () => {
    const env = functionOf(plain, 'StreamDispatcher').Environment.Variables;
    expect(env.STREAM_CONSUMERS.split(',')).not.toContain('ClassifierFeedback');
  });

  it('refuses an unknown provider at synth', () => {
    expect(() => synthesize({}, { classifiers: 'builtin,perspective' })).toThrow(/"perspective" is not a provider/);
  });
});
