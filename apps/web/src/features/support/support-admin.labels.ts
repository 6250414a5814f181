import type { KnownProblemKind, KnownProblemStatus, RmaStatus } from "@trellis/shared";

export const knownProblemKindLabels: Record<KnownProblemKind, string> = {
  defect: "Defect",
  limitation: "Limitation",
};

export const knownProblemKindHints: Record<KnownProblemKind, string> = {
  defect: "A fault to be fixed in a later version",
  limitation: "The product works as designed but cannot do this",
};

export const knownProblemStatusLabels: Record<KnownProblemStatus, string> = {
  investigating: "Investigating",
  workaround: "Workaround available",
  fixed: "Fixed",
  wont_fix: "Won't fix",
};

export const knownProblemStatusColors: Record<KnownProblemStatus, string> = {
  investigating: "orange",
  workaround: "blue",
  fixed: "teal",
  wont_fix: "gray",
};

export const rmaStatusLabels: Record<RmaStatus, string> = {
  authorised: "Authorised",
  received: "Unit received",
  replaced: "Replaced",
  closed: "Closed",
  cancelled: "Cancelled",
};

export const rmaStatusColors: Record<RmaStatus, string> = {
  authorised: "blue",
  received: "cyan",
  replaced: "teal",
  closed: "gray",
  cancelled: "gray",
};

/** What the agent's button says for each move. */
export const rmaActionLabels: Record<RmaStatus, string> = {
  authorised: "Authorise again",
  received: "Mark received",
  replaced: "Mark replaced…",
  closed: "Close",
  cancelled: "Cancel RMA",
};
