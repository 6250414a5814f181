import type { RouteRegistrar } from "../platform/http/typed-app.js";
import { apiTokenRoutes } from "./api-tokens/api-tokens.routes.js";
import { auditRoutes } from "./audit/audit.routes.js";
import { authRoutes } from "./auth/auth.routes.js";
import { outboxRoutes } from "./outbox/outbox.routes.js";
import { settingsRoutes } from "./settings/settings.routes.js";
import { tierRoutes } from "./tiers/tiers.routes.js";

/** Every feature's routes. A feature added here is covered by the access-matrix test. */
export const featureRoutes: RouteRegistrar[] = [authRoutes, auditRoutes, apiTokenRoutes, outboxRoutes, settingsRoutes, tierRoutes];
