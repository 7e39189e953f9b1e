/** The moderation desk in the template: the scheduled queue-age function and its role, the dashboard, the queue-age alarm. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODERATION_METRIC } from '../../lambda/domain/ports/moderation-metrics';
import { asArray, logicalIdOf, referencedId, resourcesOf, statementsOf, synthesize, type Synthesized } from './support';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});

const queueAgeAlarmOf = ({ stack, template }: Synthesized) =>
  resourcesOf(template, 'AWS::CloudWatch::Alarm')[logicalIdOf(stack, 'Desk/QueueAgeAlarm')]!.Properties;

describe('the queue-age function', () => {
  it('runs every five minutes from an EventBridge rule', () => {
    const functionId = logicalIdOf(synth.stack, 'QueueAge/Function');
    const rules = Object.values(resourcesOf(synth.template, 'AWS::Events::Rule'));
    const rule = rules.find((r) => r.Properties.Targets?.some((t: { Arn: unknown }) => referencedId(t.Arn) === functionId));
    expect(rule?.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    const permissions = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Permission'));
    expect(
      permissions.some((p) => referencedId(p.Properties.FunctionName) === functionId && p.Properties.Principal === 'events.amazonaws.com'),
    ).toBe(true);
  });

  it('may Query the byStatus index and nothing else of any table', () => {
    const roleId = logicalIdOf(synth.stack, 'QueueAge/Role');
    const policies = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy')).filter((p) =>
      p.Properties.Roles.some((r: unknown) => referencedId(r) === roleId),
    );
    expect(policies).toHaveLength(1);
    const dynamo = statementsOf(policies[0]!).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect(asArray(dynamo[0]!.Action)).toEqual(['dynamodb:Query']);
    const [resource] = asArray(dynamo[0]!.Resource) as Array<{ 'Fn::Join': [string, unknown[]] }>;
    expect(asArray(dynamo[0]!.Resource)).toHaveLength(1);
    const [head, tail] = resource!['Fn::Join'][1];
    expect(referencedId(head)).toBe(logicalIdOf(synth.stack, 'Data/Comments'));
    expect(tail).toBe('/index/byStatus');

    const everything = JSON.stringify(policies[0]);
    for (const other of ['Data/Private', 'Data/PrivateTableKey', 'Keys/HashKey', 'Keys/CursorKey'])
      expect(everything).not.toContain(logicalIdOf(synth.stack, other));
    const others = statementsOf(policies[0]!)
      .flatMap((s) => asArray(s.Action))
      .filter((a) => !a.startsWith('dynamodb:'));
    expect(others.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });
});

describe('the queue-age alarm', () => {
  it('tells the alarm topic when the oldest pending comment has waited more than 12 hours', () => {
    expect(queueAgeAlarmOf(synth)).toMatchObject({
      Namespace: 'CommentModeration',
      MetricName: MODERATION_METRIC.oldestPendingAge,
      Dimensions: [{ Name: 'service', Value: 'comments' }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 12 * 3600,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: logicalIdOf(synth.stack, 'Notifications/Alarms') }],
    });
  });

  it('takes its threshold from queueAgeAlarmHours', () => {
    expect(queueAgeAlarmOf(synthesize({}, { queueAgeAlarmHours: '2' })).Threshold).toBe(7200);
    expect(() => synthesize({}, { queueAgeAlarmHours: '0' })).toThrow(/queueAgeAlarmHours/);
  });
});

describe('the dashboard', () => {
  /** The dashboard body with its CloudFormation joins flattened to text. */
  const body = (): string => {
    const dashboards = Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const join = dashboards[0]!.Properties.DashboardBody['Fn::Join'] as [string, unknown[]];
    return join[1].map((part) => (typeof part === 'string' ? part : '')).join('');
  };

  it('graphs every moderation metric with the dimensions the functions emit', () => {
    const widgets = JSON.parse(body()).widgets as Array<{ properties: { title?: string; metrics?: unknown[][] } }>;
    const metricRows = widgets.flatMap((w) => w.properties.metrics ?? []).map((row) => JSON.stringify(row));
    const has = (name: string, dimension?: [string, string]) =>
      metricRows.some(
        (row) =>
          row.includes(`"CommentModeration","${name}"`) &&
          row.includes('"service","comments"') &&
          (!dimension || row.includes(`"${dimension[0]}","${dimension[1]}"`)),
      );
    for (const outcome of ['pending', 'approved', 'rejected', 'spam'])
      expect(has('CommentsSubmitted', ['outcome', outcome]), outcome).toBe(true);
    for (const action of ['approve', 'reject', 'spam', 'delete']) expect(has('ModerationDecisions', ['action', action]), action).toBe(true);
    for (const name of ['TimeToDecision', 'ReportsReceived', 'OldestPendingAge']) expect(has(name), name).toBe(true);
    const titles = widgets.map((w) => w.properties.title).filter(Boolean);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Oldest pending comment (hours)',
        'Comments submitted by outcome (per hour)',
        'Moderator decisions by action (per hour)',
        'Time from submission to decision (hours)',
        'Reports received (per hour)',
      ]),
    );
  });
});
