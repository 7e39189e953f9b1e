/**
 * The submit route's services: the comment operations plus submissions, with
 * the classifiers this deployment enabled. Only the submit handler imports
 * this module, so only its bundle carries the moderation phases and the
 * classifier clients.
 */
import { classifierSourceFromEnvironment } from '../adapters/classifiers/source';
import { CommentService } from '../domain/comment-service';
import type { Access } from '../routes';
import { type CommentsBuilder, type RouteServices, servicesWith } from './service';

const withSubmissions: CommentsBuilder<CommentService> = (deps) =>
  new CommentService({ ...deps, classifiers: classifierSourceFromEnvironment() });

export const submissionServicesFor = (access: readonly Access[]): Promise<RouteServices<CommentService>> =>
  servicesWith(access, withSubmissions);
