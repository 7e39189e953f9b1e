/** Classifier feedback as deployed: the providers this deployment enabled, with their keys. */
import { classifierSourceFromEnvironment } from '../../adapters/classifiers/source';
import type { ClassifierSource } from '../../domain/ports/classifier';
import { classifierFeedbackOfChanges } from '../../handlers/classifier-feedback';

let source: ClassifierSource | undefined;
/** What the stream dispatcher runs when deployed. */
export const onChanges = classifierFeedbackOfChanges(() => (source ??= classifierSourceFromEnvironment()));
