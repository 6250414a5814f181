import type { ApplicationStatus, PartnerStatus, ProductLifecycle, Role, UserStatus, VendorRole } from "@trellis/shared";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  partnerName: string | null;
}

export interface SignedIn {
  user: Me;
  csrfToken: string;
}

export interface MeResponse {
  user: Me | null;
  csrfToken: string | null;
}

export interface SessionInfo {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export interface Invitation {
  email: string;
  name: string;
  role: Role;
  partnerName: string | null;
  expiresAt: string;
}

export interface VendorSettings {
  vendorName: string;
  supportedPartnerCapacity: number;
  activePartners: number;
  /** Competitive data sheets past their review-by date are hidden from partners. */
  hideStaleCompetitive: boolean;
  updatedAt: string;
}

export interface Tier {
  id: string;
  name: string;
  rank: number;
  description: string;
  /** null for partner-side users: the size of the partner network is the vendor's. */
  partnerCount: number | null;
}

export interface Partner {
  id: string;
  name: string;
  legalName: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  postalCode: string;
  country: string;
  region: string;
  territory: string;
  website: string;
  phone: string;
  tierId: string | null;
  tierName: string | null;
  status: PartnerStatus;
  channelManagerId: string | null;
  channelManagerName: string | null;
  hasLogo: boolean;
  staffCount: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerSummary {
  /** Null for partner-side users. */
  supportedPartnerCapacity: number | null;
  activePartners: number;
  byStatus: Record<PartnerStatus, number>;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  invitationExpiresAt: string | null;
}

export interface ApplicationContact {
  name: string;
  email: string;
  phone: string;
  role?: string;
}

export interface ApplicationInput {
  companyName: string;
  legalName: string;
  website: string;
  country: string;
  region: string;
  city: string;
  principal: { name: string; email: string; phone: string };
  contacts: ApplicationContact[];
  regions: string[];
  sells: string[];
  installs: string[];
  expectedAnnualVolume: Money;
  message: string;
}

export interface Application extends ApplicationInput {
  id: string;
  status: ApplicationStatus;
  createdAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  overrideReason: string | null;
  partnerId: string | null;
}

export interface ProductFamily {
  id: string;
  name: string;
  description: string;
  productCount: number;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  familyId: string;
  familyName: string;
  description: string;
  listPrice: Money;
  lifecycle: ProductLifecycle;
  serialPattern: string;
  hasImage: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorLabel: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  partnerId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  transport: "smtp" | "outbox";
  status: "sent" | "written" | "failed";
  error: string | null;
  createdAt: string;
}

export interface OutboxMessageDetail extends OutboxMessage {
  textBody: string;
  htmlBody: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  role: VendorRole;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdByName: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  /** Partners: rows that matched and changed nothing. */
  unchanged?: number;
  /** Products: names of the families the import created. */
  familiesCreated?: string[];
}

// The support knowledge base's types, in knowledge-types.ts.
export type * from "./knowledge-types";
// The sales library's types live beside these, in library-types.ts.
export type * from "./library-types";
// Channel news, digests and Atom feeds, in news-types.ts.
export type * from "./news-types";
// The notification centre, in notification-types.ts.
export type * from "./notification-types";
// The support desk's settings, SLA, allowance and analytics types, in support-admin-types.ts.
export type * from "./support-admin-types";
// The support desk's types live beside these, in support-types.ts.
export type * from "./support-types";
