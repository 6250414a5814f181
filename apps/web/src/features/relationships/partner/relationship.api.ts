import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../../../api/client";
import type {
  ActionInput,
  CloseInput,
  Decision,
  DecisionAction,
  DecisionInput,
  Offboarding,
  ReviewInput,
  ReviewResult,
  TimelineEvent,
} from "../../../api/relationship-decisions-types";
import type { PartnerScorecard, ScorecardPeriod } from "../../../api/relationships-types";
import { useCursorList } from "../../../lib/useList";
import { relationshipsKey } from "../portfolio.api";

// One partner's relationship: scorecard, decisions with their actions and reviews, timeline and
// offboarding. Keys start with "relationships" so a change here also refreshes the portfolio.

export const partnerKey = (partnerId: string) => [...relationshipsKey, "partner", partnerId] as const;
const partnerPath = (partnerId: string) => `/partners/${encodeURIComponent(partnerId)}`;

/** The scorecard's period; the page always names its end month, so the exports match what is shown. */
export interface PeriodChoice {
  period: ScorecardPeriod;
  endMonth: string;
}

export function useScorecard(partnerId: string, choice: PeriodChoice, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partnerKey(partnerId), "scorecard", choice],
    queryFn: ({ signal }) => api<PartnerScorecard>(`${partnerPath(partnerId)}/scorecard`, { query: { ...choice }, signal }),
    placeholderData: (previous) => previous,
    enabled: (options.enabled ?? true) && partnerId !== "",
    // A 404 is an answer (not shared, or not this partner), not a hiccup worth retrying.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

/** Export links: plain GETs the browser downloads with the session cookie. */
export function exportUrl(partnerId: string, file: "review.pdf" | "scorecard.csv", choice: PeriodChoice): string {
  const query = new URLSearchParams({ period: choice.period, endMonth: choice.endMonth });
  return `/api/v1${partnerPath(partnerId)}/${file}?${query.toString()}`;
}

export function useDecisions(partnerId: string) {
  return useQuery({
    queryKey: [...partnerKey(partnerId), "decisions"],
    queryFn: ({ signal }) => api<{ items: Decision[] }>(`${partnerPath(partnerId)}/decisions`, { signal }),
    select: (data) => data.items,
  });
}

export function useOffboarding(partnerId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...partnerKey(partnerId), "offboarding"],
    queryFn: ({ signal }) => api<Offboarding>(`${partnerPath(partnerId)}/offboarding`, { signal }),
    enabled,
  });
}

export function useTimeline(partnerId: string) {
  return useCursorList<TimelineEvent>([...partnerKey(partnerId), "timeline"], `${partnerPath(partnerId)}/timeline`, {}, { limit: 20 });
}

/** After any decision change: the decisions, the timeline, the offboarding and the portfolio's decision column. */
function useDecisionMutation<I, O>(partnerId: string, send: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: partnerKey(partnerId) });
      void client.invalidateQueries({ queryKey: [...relationshipsKey, "portfolio"] });
    },
  });
}

export function useCreateDecision(partnerId: string) {
  return useDecisionMutation(partnerId, (input: DecisionInput) =>
    api<Decision>(`${partnerPath(partnerId)}/decisions`, { method: "POST", body: input }),
  );
}

export function useAddAction(partnerId: string, decisionId: string) {
  return useDecisionMutation(partnerId, (input: ActionInput) =>
    api<DecisionAction>(`${partnerPath(partnerId)}/decisions/${encodeURIComponent(decisionId)}/actions`, { method: "POST", body: input }),
  );
}

export function useUpdateAction(partnerId: string, decisionId: string) {
  return useDecisionMutation(partnerId, ({ actionId, status }: { actionId: string; status: DecisionAction["status"] }) =>
    api<DecisionAction>(`${partnerPath(partnerId)}/decisions/${encodeURIComponent(decisionId)}/actions/${encodeURIComponent(actionId)}`, {
      method: "PATCH",
      body: { status },
    }),
  );
}

export function useRecordReview(partnerId: string, decisionId: string) {
  return useDecisionMutation(partnerId, (input: ReviewInput) =>
    api<ReviewResult>(`${partnerPath(partnerId)}/decisions/${encodeURIComponent(decisionId)}/reviews`, { method: "POST", body: input }),
  );
}

export function useCloseDecision(partnerId: string, decisionId: string) {
  return useDecisionMutation(partnerId, (input: CloseInput) =>
    api<Decision>(`${partnerPath(partnerId)}/decisions/${encodeURIComponent(decisionId)}/close`, { method: "POST", body: input }),
  );
}

/** YYYY-MM-DD of today plus `days`, for date inputs' defaults. */
export function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}
