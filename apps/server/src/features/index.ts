import type { RouteRegistrar } from "../platform/http/typed-app.js";
import type { JobDefinition } from "../platform/jobs/runner.js";
import { apiTokenRoutes } from "./api-tokens/api-tokens.routes.js";
import { applicationRoutes } from "./applications/applications.routes.js";
import { auditRoutes } from "./audit/audit.routes.js";
import { authRoutes } from "./auth/auth.routes.js";
import { businessPlanRoutes } from "./business-plans/business-plans.routes.js";
import { claimRoutes } from "./incentives/claims.routes.js";
import { ledgerRoutes } from "./incentives/ledger.routes.js";
import { reviewRoutes } from "./incentives/review.routes.js";
import { ruleRoutes } from "./incentives/rules.routes.js";
import { knowledgeRoutes } from "./knowledge/knowledge.routes.js";
import { libraryReviewReminderJob } from "./library/library.jobs.js";
import { libraryRoutes } from "./library/library.routes.js";
import { newsDigestJob } from "./news/digest.jobs.js";
import { newsMustReadJob } from "./news/news.jobs.js";
import { newsRoutes } from "./news/news.routes.js";
import { newsDigestRoutes } from "./news/news-digests.routes.js";
import { notificationRoutes } from "./notifications/notifications.routes.js";
import { outboxRoutes } from "./outbox/outbox.routes.js";
import { partnerRoutes } from "./partners/partners.routes.js";
import { productRoutes } from "./products/products.routes.js";
import { offboardingJob, reviewRemindersJob } from "./relationship-decisions/decisions.jobs.js";
import { decisionRoutes } from "./relationship-decisions/decisions.routes.js";
import { pointsExpiryJob } from "./rewards/expiry.service.js";
import { rewardRoutes } from "./rewards/rewards.routes.js";
import { costRoutes } from "./scorecards/costs.routes.js";
import { relationshipsEvaluateJob, relationshipsRefreshJob } from "./scorecards/evaluation.service.js";
import { scorecardExportRoutes } from "./scorecards/exports.routes.js";
import { scorecardRoutes } from "./scorecards/scorecards.routes.js";
import { sellThroughRoutes } from "./sell-through/sell-through.routes.js";
import { settingsRoutes } from "./settings/settings.routes.js";
import { hotspotRoutes } from "./support/hotspots.routes.js";
import { knownProblemRoutes } from "./support/known-problems.routes.js";
import { rmaRoutes } from "./support/rmas.routes.js";
import { supportCloseJob, supportSlaJob } from "./support/support.jobs.js";
import { supportRoutes } from "./support/support.routes.js";
import { tierRoutes } from "./tiers/tiers.routes.js";
import { staffRoutes } from "./users/staff.routes.js";
import { userRoutes } from "./users/users.routes.js";

/** Every feature's routes. A feature added here is covered by the access-matrix test. */
export const featureRoutes: RouteRegistrar[] = [
  authRoutes,
  auditRoutes,
  apiTokenRoutes,
  outboxRoutes,
  settingsRoutes,
  tierRoutes,
  partnerRoutes,
  productRoutes,
  userRoutes,
  staffRoutes,
  applicationRoutes,
  libraryRoutes,
  supportRoutes,
  knownProblemRoutes,
  rmaRoutes,
  hotspotRoutes,
  knowledgeRoutes,
  newsRoutes,
  newsDigestRoutes,
  notificationRoutes,
  ledgerRoutes,
  ruleRoutes,
  claimRoutes,
  reviewRoutes,
  rewardRoutes,
  scorecardRoutes,
  decisionRoutes,
  sellThroughRoutes,
  businessPlanRoutes,
  costRoutes,
  scorecardExportRoutes,
];

/** Every feature's scheduled jobs (the platform's own are in platform/jobs/jobs.ts). */
export const featureJobs: JobDefinition[] = [
  libraryReviewReminderJob,
  supportSlaJob,
  supportCloseJob,
  newsMustReadJob,
  newsDigestJob,
  pointsExpiryJob,
  reviewRemindersJob,
  offboardingJob,
  relationshipsEvaluateJob,
  relationshipsRefreshJob,
];
