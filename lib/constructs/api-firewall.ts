/**
 * AWS WAF in front of the API stage: AWS's common rule set and known bad
 * inputs, plus a per-IP rate limit on comment posts only (reading stays
 * unlimited by WAF; stage throttling covers it).
 */
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** ARN of the API Gateway stage to protect. */
  stageArn: string;
  /** Comment posts one IP may make per 5 minutes before WAF blocks it. */
  commentPostsPerIpPer5Minutes: number;
}

/** URI path of the comment POST, with or without the stage prefix (custom domains drop it). */
export const COMMENT_POST_PATH_REGEX = '^(/[^/]+)?/articles/[^/]+/comments/?$';

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('CommentApi'),
      rules: [
        {
          name: 'CommentPostsPerIp',
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility('CommentPostsPerIp'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.commentPostsPerIpPer5Minutes,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    {
                      regexMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        regexString: COMMENT_POST_PATH_REGEX,
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  ],
                },
              },
            },
          },
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1, [
          // Comments may be up to 65,525 bytes (the contract); this rule blocks bodies over 8 KB.
          'SizeRestrictions_BODY',
        ]),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    new CfnWebACLAssociation(this, 'StageAssociation', { resourceArn: props.stageArn, webAclArn: this.webAcl.attrArn });
  }
}

/** An AWS managed rule group; `countOnly` rules are observed but do not block. */
function managedRuleGroup(name: string, priority: number, countOnly: string[] = []): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    visibilityConfig: visibility(name),
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ruleActionOverrides: countOnly.length ? countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) : undefined,
      },
    },
  };
}
