import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from "../features/support/business-hours.js";
import type { ActiveTicketPlan } from "./support-content.js";
import { agentSays, type DemoDesk, type DemoPartner, minutesFor, type RmaCandidate, startTicket, type TicketDraft } from "./support-history.js";
import { scenarios } from "./support-scenarios.js";
import { addReply, linkKnownProblem, markBreaches, setStatus } from "./support-timeline.js";

/** The instant that lies `minutes` business minutes before `now` (the latest such instant). */
export function businessMinutesBefore(calendar: BusinessCalendar, now: string, minutes: number): string {
  let low = Date.parse(now) - 200 * 86_400_000;
  let high = Date.parse(now);
  for (let i = 0; i < 48; i++) {
    const middle = Math.floor((low + high) / 2);
    if (businessMinutesBetween(calendar, new Date(middle).toISOString(), now) > minutes) low = middle;
    else high = middle;
  }
  return new Date(Math.ceil(high / 60_000) * 60_000).toISOString();
}

/**
 * A ticket open when the demo starts, written so that its SLA clock stands where the plan says at
 * the moment of loading: at risk (35 business minutes left), breached, paused, or on track.
 */
export function activeTicket(desk: DemoDesk, partner: DemoPartner, plan: ActiveTicketPlan, number: number, rmas: RmaCandidate[]): TicketDraft {
  const scenario = scenarios.find((s) => s.key === plan.scenario);
  if (!scenario) throw new Error(`demo support: unknown scenario ${plan.scenario}`);
  const targets = desk.targets(partner.tierId, plan.severity);
  const ageByShape = {
    at_risk: targets.resolutionMinutes - 35,
    breached: targets.resolutionMinutes + 400,
    waiting_on_partner: 700,
    waiting_on_engineering: 1200,
    open: plan.ageMinutes ?? 240,
    new: plan.ageMinutes ?? 30,
  };
  const age = ageByShape[plan.shape];
  const openedAt = businessMinutesBefore(desk.calendar, desk.now, age);
  const draft = startTicket(desk, partner, scenario, plan.severity, openedAt, number);
  const { t, agent, requester } = draft;
  // Offsets in business minutes after opening; each lies before now because the whole age does.
  const at = (minutes: number) => addBusinessMinutes(desk.calendar, openedAt, Math.max(1, Math.round(Math.min(minutes, age - 1))));
  const firstResponse = Math.min(targets.firstResponseMinutes * 0.4, age * 0.2);
  const note = (minutes: number) => addReply(t, at(minutes), agent, scenario.note, { internal: true, minutes: minutesFor(desk, draft, 60) });

  switch (plan.shape) {
    case "new":
      break;
    case "open":
      addReply(
        t,
        at(firstResponse),
        agent,
        agentSays(draft, desk.random.pick(["Thanks, looking into it now.", "Thanks for the details; I am on it."])),
        {
          minutes: minutesFor(desk, draft, 15),
        },
      );
      note(age * 0.7);
      break;
    case "at_risk":
    case "breached": {
      const resolution = targets.resolutionMinutes;
      addReply(t, at(firstResponse), agent, agentSays(draft, "Thanks, I am on it and will update you within the hour."), {
        minutes: minutesFor(desk, draft, 20),
      });
      note(resolution * 0.5);
      addReply(t, at(resolution * 0.85), requester, "Any news? The customer is asking for an update.");
      if (plan.shape === "breached") {
        addReply(
          t,
          at(resolution + 120),
          agent,
          agentSays(draft, "A replacement power supply is on its way; I will confirm the tracking number today."),
          {
            minutes: minutesFor(desk, draft, 30),
          },
        );
      }
      break;
    }
    case "waiting_on_partner": {
      const reply = plan.rma ? scenario.solution : (scenario.question ?? "Could you send the device's system log?");
      const answeredAt = at(firstResponse);
      addReply(t, answeredAt, agent, agentSays(draft, reply), { minutes: minutesFor(desk, draft, 20), status: "waiting_on_partner" });
      const unit = t.products[0];
      if (plan.rma && scenario.rma && unit?.serial)
        rmas.push({ timeline: t, reason: scenario.rma, productId: unit.product_id, serial: unit.serial, at: answeredAt, agentId: agent.id });
      break;
    }
    case "waiting_on_engineering": {
      addReply(t, at(60), agent, agentSays(draft, scenario.question ?? "Could you send the server log?"), {
        minutes: minutesFor(desk, draft, 20),
        status: "waiting_on_partner",
      });
      addReply(t, at(300), requester, scenario.answer ?? "Log attached.");
      note(420);
      const knownProblemId = scenario.knownProblem ? desk.knownProblemIds.get(scenario.knownProblem) : undefined;
      if (knownProblemId) linkKnownProblem(t, knownProblemId, at(425), agent.id);
      setStatus(t, "waiting_on_engineering", at(426), agent.id, "Engineering is reproducing it with your log.");
      break;
    }
  }
  markBreaches(t, desk.now);
  return draft;
}
