/**
 * How close the stack is to CloudFormation's 500-resource limit: the
 * resource count of the default template and of the one with every option
 * on, synthesized without bundling. Run alone: `npx tsx bench/template-size.ts`.
 */
import { RESOURCE_BUDGET, resourceCount, synthesizeTemplate, TEMPLATE_VARIANTS, type TemplateVariant } from '../scripts/templates';

export interface TemplateSize {
  variant: TemplateVariant;
  resources: number;
  budget: number;
}

export function measureTemplateSizes(): TemplateSize[] {
  return (Object.keys(TEMPLATE_VARIANTS) as TemplateVariant[]).map((variant) => ({
    variant,
    resources: resourceCount(synthesizeTemplate(variant)),
    budget: RESOURCE_BUDGET,
  }));
}

export const formatTemplateSizes = (sizes: readonly TemplateSize[]): string =>
  sizes.map((s) => `${s.variant}: ${s.resources} resources (budget ${s.budget} of CloudFormation's 500)`).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatTemplateSizes(measureTemplateSizes()));
