/**
 * AWS WAF in front of the API stage: AWS's common rule set and known bad
 * inputs, plus a per-IP rate limit on comment posts only (reading stays
 * unlimited by WAF; stage throttling covers it).
 *
 * Comments are free text stored and shown as text, so quoting code or a
 * path (`<script>`, `../../etc/passwd`) is ordinary there. The common rule
 * set's body rules that judge free text therefore only count (and label)
 * requests; a rule right after the set blocks what they labelled unless the
 * request is the comment POST. Every other route keeps their protection.
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

const COMMON_RULE_SET = 'AWSManagedRulesCommonRuleSet';

/** Common rule set body rules that judge the text itself; they count for the comment POST instead of blocking. */
export const FREE_TEXT_BODY_RULES = ['CrossSiteScripting_BODY', 'GenericLFI_BODY', 'GenericRFI_BODY', 'EC2MetaDataSSRF_BODY'];

/** The label each of those rules puts on a request it matches (AWS spells the suffix `_Body`). */
export const freeTextBodyLabel = (rule: string) => `awswaf:managed:aws:core-rule-set:${rule.replace(/_BODY$/, '_Body')}`;

/** The path as API Gateway routes it: %-escapes decoded, `//`, `./` and `../` resolved, before matching. */
export const PATH_TRANSFORMATIONS = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'NORMALIZE_PATH' },
];

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/** Matches POST /{stage}/articles/{id}/comments. */
export const commentPostStatement = (): CfnWebACL.StatementProperty => ({
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
          textTransformations: PATH_TRANSFORMATIONS,
        },
      },
    ],
  },
});

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
              scopeDownStatement: commentPostStatement(),
            },
          },
        },
        managedRuleGroup(COMMON_RULE_SET, 1, [
          // Comments may be up to 65,525 bytes (the contract); this rule blocks bodies over 8 KB.
          'SizeRestrictions_BODY',
          ...FREE_TEXT_BODY_RULES,
        ]),
        {
          name: 'FreeTextBodyRulesOutsideCommentPost',
          priority: 2,
          action: { block: {} },
          visibilityConfig: visibility('FreeTextBodyRulesOutsideCommentPost'),
          statement: {
            andStatement: {
              statements: [
                {
                  orStatement: {
                    statements: FREE_TEXT_BODY_RULES.map((rule) => ({
                      labelMatchStatement: { scope: 'LABEL', key: freeTextBodyLabel(rule) },
                    })),
                  },
                },
                { notStatement: { statement: commentPostStatement() } },
              ],
            },
          },
        },
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 3),
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
