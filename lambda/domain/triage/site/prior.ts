/**
 * The one place the site's part meets the shipped model: its features, its
 * weights (the prior) and the readable names of its features. Every function
 * in site/ takes the prior as an optional last argument, defaulting to the
 * shipped model, so the benchmark can replay a site on a prior trained
 * without that site's data.
 */
import { extractFeatures, type FeatureVector, featureNames } from '../model/features';
import { type LinearModel, logits, sigmoid } from '../model/linear';
import { shippedModel } from '../model/shipped';

export type Prior = LinearModel;
export type PriorLogits = ReturnType<typeof logits>;

export const shippedPrior = (): Prior => shippedModel();

export { extractFeatures, type FeatureVector, featureNames, logits as priorLogits, sigmoid };
