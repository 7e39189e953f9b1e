/** Reply notifications in the template: on only with -c mailFrom, SES with least privilege, bounces and complaints handled. */
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, logicalIdOf, referencedId, resourcesOf, statementsOf, synthesize, type CfnResource, type Synthesized } from './support';

const MAIL_FROM = 'comments@news.example.com';
let mail: Synthesized;
let plain: Synthesized;
beforeAll(() => {
  mail = synthesize({}, { mailFrom: MAIL_FROM, articleUrl: 'https://news.example.com/story/{articleId}' });
  plain = synthesize();
});

function functionOf(synth: Synthesized, name: string): CfnResource {
  return resourcesOf(synth.template, 'AWS::Lambda::Function')[logicalIdOf(synth.stack, `${name}/Function`)]!;
}

function statementsOfRole(synth: Synthesized, name: string) {
  const role = logicalIdOf(synth.stack, `${name}/Role`);
  return Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: unknown) => referencedId(r) === role))
    .flatMap(statementsOf);
}

const sesStatements = (synth: Synthesized) =>
  Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .flatMap(statementsOf)
    .filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));

describe('reply mail with -c mailFrom', () => {
  it('deploys the mail consumer in the stream dispatcher, with its sender, links and configuration set', () => {
    const env = functionOf(mail, 'StreamDispatcher').Properties.Environment.Variables;
    expect(env.STREAM_CONSUMERS.split(',')).toContain('MailReplies');
    expect(env.MAIL_FROM).toBe(MAIL_FROM);
    expect(env.ARTICLE_URL).toBe('https://news.example.com/story/{articleId}');
    expect(referencedId(env.MAIL_CONFIGURATION_SET)).toBe(logicalIdOf(mail.stack, 'ReplyMail/Sending'));
    expect(JSON.stringify(env.PUBLIC_API_URL)).toContain(logicalIdOf(mail.stack, 'Http/Api'));
    expect(functionOf(mail, 'ListComments').Properties.Environment.Variables.REPLY_NOTIFICATIONS).toBe('on');
  });

  it('lets only the stream dispatcher (the mail consumer) send, only ses:SendEmail, only from mailFrom, on its identity and configuration set', () => {
    const statements = sesStatements(mail);
    expect(statements).toHaveLength(1);
    expect(statementsOfRole(mail, 'StreamDispatcher').filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')))).toEqual(
      statements,
    );
    const [send] = statements;
    expect(send!.Action).toBe('ses:SendEmail');
    expect(send!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': MAIL_FROM } });
    const resources = asArray(send!.Resource).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(3);
    for (const part of [
      `:identity/${MAIL_FROM}"`,
      ':identity/news.example.com"',
      `:configuration-set/",{"Ref":"${logicalIdOf(mail.stack, 'ReplyMail/Sending')}"}`,
    ])
      expect(
        resources.filter((r) => r.includes(part)),
        part,
      ).toHaveLength(1);
    expect(resources.join(' ')).not.toMatch(/identity\/\*|"\*"/);
  });

  it('routes bounces and complaints through an encrypted topic to the function that suppresses the address', () => {
    const [destination] = Object.values(resourcesOf(mail.template, 'AWS::SES::ConfigurationSetEventDestination'));
    expect(destination!.Properties.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    const topicId = logicalIdOf(mail.stack, 'ReplyMail/Feedback');
    expect(referencedId(destination!.Properties.EventDestination.SnsDestination.TopicARN)).toBe(topicId);
    expect(resourcesOf(mail.template, 'AWS::SNS::Topic')[topicId]!.Properties.KmsMasterKeyId).toBeDefined();

    const subscriptions = Object.values(resourcesOf(mail.template, 'AWS::SNS::Subscription')).filter(
      (s) => referencedId(s.Properties.TopicArn) === topicId,
    );
    expect(subscriptions.map((s) => [s.Properties.Protocol, referencedId(s.Properties.Endpoint)])).toEqual([
      ['lambda', logicalIdOf(mail.stack, 'MailFeedback/Function')],
    ]);
    const feedback = statementsOfRole(mail, 'MailFeedback').flatMap((s) => asArray(s.Action));
    expect(feedback).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'secretsmanager:GetSecretValue']));
    expect(feedback.filter((a) => /^ses:|dynamodb:(GetItem|Query|BatchGetItem)$/.test(a))).toEqual([]);
  });

  it("keeps the bounces and complaints MailFeedback fails on in an alarmed queue, and watches SES's reputation", () => {
    const configs = Object.values(resourcesOf(mail.template, 'AWS::Lambda::EventInvokeConfig'));
    const feedbackFn = logicalIdOf(mail.stack, 'MailFeedback/Function');
    const config = configs.find((c) => referencedId(c.Properties.FunctionName) === feedbackFn)!;
    const queue = logicalIdOf(mail.stack, 'MailFeedbackFailures');
    expect(config.Properties.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queue, 'Arn'] });
    const alarms = Object.values(resourcesOf(mail.template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const watching = alarms.filter((a) => JSON.stringify(a.Dimensions ?? []).includes(queue));
    expect(watching.map((a) => a.MetricName)).toEqual(['ApproximateNumberOfMessagesVisible']);
    expect(
      alarms
        .filter((a) => a.Namespace === 'AWS/SES')
        .map((a) => a.MetricName)
        .sort(),
    ).toEqual(['Reputation.BounceRate', 'Reputation.ComplaintRate']);
    const plainAlarms = Object.values(resourcesOf(plain.template, 'AWS::CloudWatch::Alarm'));
    expect(plainAlarms.filter((a) => a.Properties.Namespace === 'AWS/SES')).toEqual([]);
  });

  it('passes cdk-nag', () => {
    const report = new AwsSolutionsChecks(mail.app).validateScope(mail.app);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('without mailFrom', () => {
  it('has no SES resources, no mail functions and no box', () => {
    expect(Object.keys(resourcesOf(plain.template, 'AWS::SES::ConfigurationSet'))).toEqual([]);
    expect(sesStatements(plain)).toEqual([]);
    expect(functionOf(plain, 'StreamDispatcher').Properties.Environment.Variables.STREAM_CONSUMERS).not.toContain('MailReplies');
    expect(plain.stack.functions.has('MailFeedback')).toBe(false);
    expect(functionOf(plain, 'ListComments').Properties.Environment.Variables.REPLY_NOTIFICATIONS).toBeUndefined();
  });

  it('refuses a mailFrom that is not an address and an articleUrl without {articleId}', () => {
    expect(() => synthesize({}, { mailFrom: 'not an address' })).toThrow(/mailFrom/);
    expect(() => synthesize({}, { mailFrom: MAIL_FROM, articleUrl: 'https://news.example.com/' })).toThrow(/articleUrl/);
  });
});
