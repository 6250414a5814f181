import type { SlaState, TicketSeverity, TicketStatus } from "@trellis/shared";
import type { SlaClock } from "../../api/types";
import { formatDateTime } from "../../lib/format";

export const slaStateLabels: Record<SlaState, string> = {
  on_track: "On track",
  at_risk: "At risk",
  breached: "Breached",
  paused: "Paused",
  met: "Met",
};

/** Red breached, orange at risk, grey paused, green on track. */
export const slaStateColors: Record<SlaState, string> = { on_track: "green", at_risk: "orange", breached: "red", paused: "gray", met: "teal" };

export const severityColors: Record<TicketSeverity, string> = { P1: "red", P2: "orange", P3: "yellow", P4: "gray" };

export const statusColors: Record<TicketStatus, string> = {
  new: "blue",
  open: "cyan",
  waiting_on_partner: "grape",
  waiting_on_engineering: "violet",
  resolved: "teal",
  closed: "gray",
};

export const activeStatuses: TicketStatus[] = ["new", "open", "waiting_on_partner", "waiting_on_engineering"];
export const finishedStatuses: TicketStatus[] = ["resolved", "closed"];

/** 130 -> "2 h 10 min"; 45 -> "45 min"; 120 -> "2 h". */
export function formatMinutes(minutes: number): string {
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Which target the clock runs towards now: first response until there is one, then resolution. */
export function nextTarget(sla: SlaClock): { label: "First response" | "Resolution"; dueAt: string | null; breached: boolean } {
  if (!sla.firstResponseAt && sla.firstResponseTarget !== null) {
    return { label: "First response", dueAt: sla.firstResponseDueAt, breached: sla.firstResponseBreached };
  }
  return { label: "Resolution", dueAt: sla.resolutionDueAt, breached: sla.resolutionBreached };
}

/** The SLA position in words, e.g. "First response due in 2 h 10 min (business hours)". */
export function slaSentence(sla: SlaClock, viewer: "partner" | "vendor"): string {
  if (sla.state === null) return "No SLA applies to this ticket.";
  if (sla.state === "met") return "Resolved within the SLA.";
  if (sla.paused || sla.state === "paused") {
    return viewer === "partner"
      ? "The SLA clock is paused while the ticket waits on your answer."
      : "The SLA clock is paused while the ticket waits on the partner.";
  }
  const target = nextTarget(sla);
  if (sla.remainingMinutes === null) return target.breached ? `${target.label} target missed.` : "No target is running.";
  if (sla.remainingMinutes < 0) return `${target.label} overdue by ${formatMinutes(sla.remainingMinutes)} (business hours).`;
  return `${target.label} due in ${formatMinutes(sla.remainingMinutes)} (business hours).`;
}

/** Short form for the queue: "due in 2 h 10 min", "overdue 1 h", "paused". */
export function slaShort(sla: SlaClock): string {
  if (sla.state === null) return "No SLA";
  if (sla.state === "met") return "met";
  if (sla.paused || sla.state === "paused") return "paused";
  if (sla.remainingMinutes === null) return "";
  return sla.remainingMinutes < 0 ? `overdue ${formatMinutes(sla.remainingMinutes)}` : `due in ${formatMinutes(sla.remainingMinutes)}`;
}

export function slaDueTitle(sla: SlaClock): string | undefined {
  const target = nextTarget(sla);
  return target.dueAt ? `${target.label} due ${formatDateTime(target.dueAt)}` : undefined;
}

const compiled = new Map<string, RegExp | null>();

/**
 * The server's rule (features/products `serialMatches`): the pattern is matched against the WHOLE
 * serial, anchored as `^(?:pattern)$`; a pattern that does not compile matches nothing.
 */
export function serialMatches(pattern: string, serial: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`);
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex?.test(serial) ?? false;
}

/** 1536 -> "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** What the file inputs offer: logs, archives, images, PDFs, small videos (the server decides from the bytes). */
export const attachmentAccept =
  ".log,.txt,.csv,.json,.xml,.zip,.gz,.tgz,text/plain,application/zip,application/gzip,image/*,application/pdf,video/mp4,video/webm,video/quicktime";
