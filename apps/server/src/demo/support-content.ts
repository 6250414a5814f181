import type { KnownProblemKind, KnownProblemStatus, TicketSeverity } from "@trellis/shared";
import type { KnownProblemKey } from "./support-scenarios.js";

/**
 * How each demo reseller uses the support desk over the year: tickets opened and how much time
 * each takes. Harbor City Systems stretches the products into integrations nobody planned and is
 * the heavy consumer (about a third of the desk's hours, far over its Gold allowance); the small
 * and new partners hardly call; Sunbelt Camera Pros (terminated) never does.
 */
export const supportUsage: Record<string, { ticketsPerYear: number; effort: number; integration: number }> = {
  "Harbor City Systems": { ticketsPerYear: 125, effort: 1, integration: 2.2 },
  "Northgate Security Integrators": { ticketsPerYear: 92, effort: 1, integration: 1 },
  "Rheinwacht Sicherheitstechnik": { ticketsPerYear: 74, effort: 0.95, integration: 1 },
  "Vigil Sécurité": { ticketsPerYear: 56, effort: 0.95, integration: 1 },
  "Gulf Shield Technologies": { ticketsPerYear: 64, effort: 1, integration: 1.2 },
  "Maple Leaf Surveillance": { ticketsPerYear: 30, effort: 0.9, integration: 0.8 },
  "Nordic Eye Installations": { ticketsPerYear: 26, effort: 0.9, integration: 0.8 },
  "Andes Vigilancia": { ticketsPerYear: 22, effort: 0.85, integration: 0.6 },
  "Southern Cross Security": { ticketsPerYear: 9, effort: 0.7, integration: 0.5 },
  "Vistula Monitoring": { ticketsPerYear: 3, effort: 0.6, integration: 0.5 },
  "Lagos Secure Networks": { ticketsPerYear: 8, effort: 0.6, integration: 0.5 },
  "Sunbelt Camera Pros": { ticketsPerYear: 0, effort: 0, integration: 0 },
};

export const heavyConsumer = "Harbor City Systems";

/** The end customers' sites each reseller works on. */
export const partnerSites: Record<string, string[]> = {
  "Northgate Security Integrators": [
    "Lakeshore Medical Center",
    "O'Hare Cargo Terminal 2",
    "Midway Logistics Park",
    "Lincoln Park High School",
    "Navy Pier Parking",
    "Riverside Plaza Tower",
  ],
  "Harbor City Systems": [
    "Pier 91 Cruise Terminal",
    "Emerald Transit Bus Base North",
    "Cascade Logistics Kent DC",
    "Puget Sound University",
    "Rainier Medical Plaza",
    "SoDo Self Storage",
    "Port of Tacoma Gate 5",
  ],
  "Maple Leaf Surveillance": ["Yorkdale Medical Offices", "Queens Quay Condominiums", "Mississauga Distribution Hub", "Humber Valley School"],
  "Rheinwacht Sicherheitstechnik": ["Logistikzentrum Köln-Eifeltor", "Klinikum Leverkusen", "Rheinpark Parkhaus", "Stadtwerke Bonn Betriebshof"],
  "Vigil Sécurité": ["Part-Dieu Business Center", "Entrepôt Vénissieux", "Lycée Ampère", "Parking Bellecour"],
  "Nordic Eye Installations": ["Hamnen Terminal 4", "Torslanda Supplier Park", "Lindholmen Campus"],
  "Andes Vigilancia": ["Mall Plaza Norte", "Bodega San Bernardo", "Clínica Las Condes"],
  "Gulf Shield Technologies": ["Jebel Ali Warehouse 12", "Marina Heights Tower", "Al Quoz Industrial 3", "Dubai Hills Clinic"],
  "Southern Cross Security": ["Docklands Car Park", "Footscray Warehouse"],
  "Lagos Secure Networks": ["Victoria Island Office Park"],
  "Vistula Monitoring": ["Galeria Podgórze", "Magazyn Nowa Huta"],
};

/** Firmware (software for the VMS) per family, with when each release came out. */
export const firmwareReleases: Record<string, { version: string; monthsAgo: number }[]> = {
  "IP cameras": [
    { version: "5.4.8", monthsAgo: 20 },
    { version: "5.5.0", monthsAgo: 11.5 },
    { version: "5.5.2", monthsAgo: 7 },
    { version: "5.6.0", monthsAgo: 2 },
  ],
  "Network video recorders": [
    { version: "3.1.4", monthsAgo: 20 },
    { version: "3.2.0", monthsAgo: 10 },
    { version: "3.2.1", monthsAgo: 8.5 },
    { version: "3.2.3", monthsAgo: 5 },
    { version: "3.3.0", monthsAgo: 1 },
  ],
  "Video management software": [
    { version: "7.2.1", monthsAgo: 20 },
    { version: "7.3.0", monthsAgo: 9 },
    { version: "7.4.2", monthsAgo: 3 },
  ],
  "Access control": [
    { version: "2.0.6", monthsAgo: 20 },
    { version: "2.1.0", monthsAgo: 8 },
    { version: "2.1.3", monthsAgo: 3 },
  ],
  Accessories: [
    { version: "1.8.2", monthsAgo: 20 },
    { version: "1.9.0", monthsAgo: 6 },
  ],
};

export interface DemoKnownProblem {
  key: KnownProblemKey;
  title: string;
  kind: KnownProblemKind;
  status: KnownProblemStatus;
  skus: string[];
  affectedVersions: string;
  fixVersion: string | null;
  description: string;
  workaround: string;
}

export const demoKnownProblems: DemoKnownProblem[] = [
  {
    key: "nvr-overwrite",
    title: "NV-16P and NV-32 stop recording when a disk is over 90% full (firmware 3.2.1)",
    kind: "defect",
    status: "fixed",
    skus: ["NV-16P-4T", "NV-32-8T"],
    affectedVersions: "Firmware 3.2.0 and 3.2.1",
    fixVersion: "3.2.3",
    description:
      "Once a recording disk passes 90% used, the overwrite of the oldest footage does not start and recording stops on every channel. The log shows `rec: no free block, overwrite skipped`. A reboot restarts recording for a few hours.",
    workaround: "Set **Storage > Quota** to 85% on every disk, or upgrade to firmware 3.2.3.",
  },
  {
    key: "ir-glare",
    title: "D2 domes: IR glare when mounted close under eaves or soffits",
    kind: "limitation",
    status: "workaround",
    skus: ["LC-D2-4MP", "LC-D2-8MP"],
    affectedVersions: "All firmware",
    fixVersion: null,
    description:
      "Mounted less than about 15 cm below an overhang, the dome's IR reflects off the soffit into the bubble and the night image is washed out at the top.",
    workaround: "Mount at least 15 cm below the overhang (AX-WM-D2 wall mount), switch **Smart IR** on and tilt the lens at least 10° down.",
  },
  {
    key: "onvif-events",
    title: "ONVIF Profile T event subscription lapses with Corvex VMS 7.x",
    kind: "defect",
    status: "fixed",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "LC-T1-5MP"],
    affectedVersions: "Camera firmware 5.5.0 to 5.5.2",
    fixVersion: "5.6.0",
    description:
      "The camera answers a subscription Renew with a termination time in local time instead of UTC. Corvex VMS then lets the subscription lapse and motion and analytics events stop arriving after about an hour.",
    workaround: "Set the camera's time zone to UTC (the on-screen clock can still show local time), or upgrade to 5.6.0.",
  },
  {
    key: "ptz-poe",
    title: "P5 PTZ reboots at night on 802.3at (PoE+) power",
    kind: "limitation",
    status: "wont_fix",
    skus: ["LC-P5-4MP", "LC-P5-2MP"],
    affectedVersions: "All P5 models",
    fixVersion: null,
    description:
      "With IR, heater and wiper on, a P5 PTZ draws up to 52 W, more than an 802.3at port delivers. It reboots at dusk and in cold weather.",
    workaround: "Power P5 cameras from an 802.3bt port, the 60 W injector or 24 V AC.",
  },
  {
    key: "rtsp-drops",
    title: "RTSP over TCP drops every 30 to 60 minutes behind firewalls (firmware 5.5.0)",
    kind: "defect",
    status: "fixed",
    skus: ["LC-B3-4MP", "LC-B3-8MP", "LC-D2-4MP"],
    affectedVersions: "Camera firmware 5.5.0",
    fixVersion: "5.5.2",
    description:
      "Firmware 5.5.0 stopped sending RTCP keep-alives on interleaved TCP sessions, so firewalls with an idle timeout close long RTSP sessions.",
    workaround: "Upgrade to 5.5.2, or raise the firewall's TCP idle timeout above 3600 s for the camera VLAN.",
  },
  {
    key: "offline-activation",
    title: "VMS offline activation rejected when the server clock is more than 5 minutes off",
    kind: "defect",
    status: "investigating",
    skus: ["VMS-PRO-BASE", "VMS-ENT-BASE"],
    affectedVersions: "VMS 7.3.0 to 7.4.2",
    fixVersion: null,
    description:
      "Importing an offline activation response fails with 'activation file expired' when the server's clock differs from UTC by more than five minutes. Air-gapped sites often have no time server.",
    workaround: "Set the server clock to within a minute of UTC, create a new request file and import the response within the hour.",
  },
];

/** The words that go around a scenario's own: greetings, follow-ups, thanks, reopenings. */
export const phrases = {
  acknowledge: [
    "Thanks for the details. I am looking into it and will come back to you today.",
    "Thanks, I have what I need to start. I am checking this in the lab.",
    "Got it. I am comparing this with similar cases and will update you shortly.",
  ],
  question: "Could you send the device's system log (Maintenance > Logs > Export) and a screenshot of the settings page?",
  answer: [
    "Log and screenshot attached.",
    "Attached both. Let me know if you need remote access, the site allows it on weekdays.",
    "Here you go, files attached.",
  ],
  investigate: [
    "Reproduced in the lab with the partner's settings.",
    "Remote session with the partner's technician to look at the unit's configuration.",
    "Checked with engineering in the daily stand-up.",
    "Went through the partner's logs and compared with the release notes.",
  ],
  engineering: "Handed to engineering with the logs; they are reproducing it.",
  engineeringBack: "Engineering confirmed the cause and the workaround below.",
  thanks: [
    "Confirmed fixed at {site}. Thanks!",
    "That did it, thank you.",
    "The customer confirms it works again. Thanks for the quick help.",
    "All good now, you can close it.",
  ],
  selfResolved: [
    "Found it on site: a loose patch cable in the customer's cabinet. Sorry for the noise.",
    "Our technician found a wrong setting during the visit; all working now.",
  ],
  reopen: [
    "The problem is back since this morning on two units. Reopening.",
    "Happened again last night after the customer's maintenance window.",
    "Still seeing it on one of the units, reopening.",
  ],
  afterReopen: [
    "I had another look: the setting did not survive the customer's configuration restore. Reapplied it with your technician; it holds now.",
    "The second unit still had the old firmware. Upgraded it remotely; please check tonight's recording.",
  ],
  duplicate: "Opening this too in case the first one got lost: {subject}. Our technician already reported it this morning.",
  mergeNote: "Duplicate of the ticket the technician opened; merging.",
  autoClose: "Closed automatically after the reopen window",
  greeting: "Hi {requester},\n\n",
  signature: "\n\n{agent}\nLumeris technical support",
};

/** The tickets open when the demo starts, one per SLA situation the desk shows. */
export interface ActiveTicketPlan {
  partner: string;
  scenario: string;
  severity: TicketSeverity;
  shape: "new" | "open" | "at_risk" | "breached" | "waiting_on_partner" | "waiting_on_engineering";
  /** For new/open: business minutes since opening. */
  ageMinutes?: number;
  rma?: boolean;
}

export const activeTickets: ActiveTicketPlan[] = [
  { partner: "Harbor City Systems", scenario: "onvif-events", severity: "P2", shape: "at_risk" },
  { partner: "Northgate Security Integrators", scenario: "nvr-power", severity: "P1", shape: "breached" },
  { partner: "Harbor City Systems", scenario: "dead-camera", severity: "P3", shape: "waiting_on_partner", rma: true },
  { partner: "Vigil Sécurité", scenario: "lpr-night", severity: "P3", shape: "waiting_on_partner" },
  { partner: "Rheinwacht Sicherheitstechnik", scenario: "offline-activation", severity: "P3", shape: "waiting_on_engineering" },
  { partner: "Harbor City Systems", scenario: "design-review", severity: "P4", shape: "open", ageMinutes: 600 },
  { partner: "Gulf Shield Technologies", scenario: "poe-budget", severity: "P3", shape: "open", ageMinutes: 240 },
  { partner: "Maple Leaf Surveillance", scenario: "storage-sizing", severity: "P4", shape: "new", ageMinutes: 45 },
  { partner: "Andes Vigilancia", scenario: "fisheye-dewarp", severity: "P3", shape: "new", ageMinutes: 20 },
  { partner: "Harbor City Systems", scenario: "door-video-link", severity: "P3", shape: "open", ageMinutes: 900 },
];
