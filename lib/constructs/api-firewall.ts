/**
 * AWS WAF in front of the API stage: AWS's common rule set and known bad
 * inputs, a per-IP rate limit on comment posts, and a per-IP rate limit on
 * every request that did not come through the read cache. The read cache
 * (CloudFront) adds a secret origin header; its misses carry many readers'
 * requests from few CloudFront addresses, so they are exempt, and one client
 * calling the API directly cannot starve the cached reads (stage throttling
 * is per method, shared by everyone).
 *
 * Comments, report notes and the settings' word lists are free text stored
 * and shown as text, so quoting code or a path (`<script>`, `../../etc/passwd`,
 * `${jndi:...}`) is ordinary there. The body rules that judge free text
 * therefore only count (and label) requests; a rule after the sets blocks
 * what they labelled unless the request is one of those free-text writes.
 * Every other route keeps their protection.
 */
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** ARN of the API Gateway stage to protect. */
  stageArn: string;
  /** Comment posts one IP may make per 5 minutes before WAF blocks it. */
  commentPostsPerIpPer5Minutes: number;
  /** Requests one IP may make per 5 minutes directly to the API (not through the read cache). */
  requestsPerIpPer5Minutes: number;
  /** The read cache's origin header: requests carrying it are CloudFront's misses. */
  originHeader: { name: string; value: string };
}

/** URI path of the comment POST, with or without the stage prefix (custom domains drop it). */
export const COMMENT_POST_PATH_REGEX = '^(/[^/]+)?/articles/[^/]+/comments/?$';

const COMMON_RULE_SET = 'AWSManagedRulesCommonRuleSet';

/** Common rule set body rules that judge the text itself; they count for the free-text writes instead of blocking. */
export const FREE_TEXT_BODY_RULES = ['CrossSiteScripting_BODY', 'GenericLFI_BODY', 'GenericRFI_BODY', 'EC2MetaDataSSRF_BODY'];

/** Known-bad-inputs body rules that match quoted exploit strings (a comment about Log4Shell quotes `${jndi:`). */
export const FREE_TEXT_BAD_INPUT_RULES = ['Log4JRCE_BODY', 'JavaDeserializationRCE_BODY'];

const KNOWN_BAD_INPUTS = 'AWSManagedRulesKnownBadInputsRuleSet';

/** The label each of those rules puts on a request it matches (AWS spells the suffix `_Body`). */
export const freeTextBodyLabel = (rule: string) => `awswaf:managed:aws:core-rule-set:${rule.replace(/_BODY$/, '_Body')}`;
export const badInputBodyLabel = (rule: string) => `awswaf:managed:aws:known-bad-inputs:${rule.replace(/_BODY$/, '_Body')}`;

/** The writes whose bodies are free text: the comment POST, a reader's report (its note) and the two admin PUTs (word lists, article notes). */
export const FREE_TEXT_WRITES: ReadonlyArray<{ method: string; pathRegex: string }> = [
  { method: 'POST', pathRegex: COMMENT_POST_PATH_REGEX },
  { method: 'POST', pathRegex: '^(/[^/]+)?/articles/[^/]+/comments/[^/]+/reports/?$' },
  { method: 'PUT', pathRegex: '^(/[^/]+)?/admin/settings/?$' },
  { method: 'PUT', pathRegex: '^(/[^/]+)?/admin/articles/[^/]+/?$' },
];

/** The path as API Gateway routes it: %-escapes decoded, `//`, `./` and `../` resolved, before matching. */
export const PATH_TRANSFORMATIONS = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'NORMALIZE_PATH' },
];

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/** Matches one method on paths matching a regex (after the path transformations). */
const requestStatement = (method: string, pathRegex: string): CfnWebACL.StatementProperty => ({
  andStatement: {
    statements: [
      {
        byteMatchStatement: {
          fieldToMatch: { method: {} },
          positionalConstraint: 'EXACTLY',
          searchString: method,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
      {
        regexMatchStatement: {
          fieldToMatch: { uriPath: {} },
          regexString: pathRegex,
          textTransformations: PATH_TRANSFORMATIONS,
        },
      },
    ],
  },
});

/** Matches POST /{stage}/articles/{id}/comments. */
export const commentPostStatement = (): CfnWebACL.StatementProperty => requestStatement('POST', COMMENT_POST_PATH_REGEX);

const freeTextWriteStatement = (): CfnWebACL.StatementProperty => ({
  orStatement: { statements: FREE_TEXT_WRITES.map((w) => requestStatement(w.method, w.pathRegex)) },
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
        {
          name: 'RequestsPerIpOutsideReadCache',
          priority: 1,
          action: { block: {} },
          visibilityConfig: visibility('RequestsPerIpOutsideReadCache'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.requestsPerIpPer5Minutes,
              // The secret header proves CloudFront sent it; a forwarded-for address could be forged by anyone.
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    byteMatchStatement: {
                      fieldToMatch: { singleHeader: { Name: props.originHeader.name } },
                      positionalConstraint: 'EXACTLY',
                      searchString: props.originHeader.value,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
        },
        managedRuleGroup(COMMON_RULE_SET, 2, [
          // Comments may be up to 65,525 bytes (the contract); this rule blocks bodies over 8 KB.
          'SizeRestrictions_BODY',
          ...FREE_TEXT_BODY_RULES,
        ]),
        managedRuleGroup(KNOWN_BAD_INPUTS, 3, FREE_TEXT_BAD_INPUT_RULES),
        {
          name: 'FreeTextBodyRulesOutsideFreeTextWrites',
          priority: 4,
          action: { block: {} },
          visibilityConfig: visibility('FreeTextBodyRulesOutsideFreeTextWrites'),
          statement: {
            andStatement: {
              statements: [
                {
                  orStatement: {
                    statements: [...FREE_TEXT_BODY_RULES.map(freeTextBodyLabel), ...FREE_TEXT_BAD_INPUT_RULES.map(badInputBodyLabel)].map(
                      (key) => ({ labelMatchStatement: { scope: 'LABEL', key } }),
                    ),
                  },
                },
                { notStatement: { statement: freeTextWriteStatement() } },
              ],
            },
          },
        },
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
