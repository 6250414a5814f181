import type { AssetType, Market, regions } from "@trellis/shared";

type Region = (typeof regions)[number];

/** What the demo library holds: assets about the demo catalog (catalog.ts), in the words marketing writes. */
export type DemoAssetContent = { kind: "pdf"; pages: number; lines: string[] } | { kind: "video"; file: string } | { kind: "page"; markdown: string };

export interface DemoAsset {
  /** A handle for kits, versions and usage below; never shown. */
  key: string;
  title: string;
  summary: string;
  type: AssetType;
  skus: string[];
  markets: Market[];
  tags: string[];
  /** Tier names, regions or partner names; absent: every partner. */
  audience?: { tiers?: string[]; regions?: Region[]; partners?: string[] };
  /** Review-by date relative to today; negative is already past. */
  reviewInDays?: number;
  cobrand?: boolean;
  publishedDaysAgo: number;
  content: DemoAssetContent;
  /** A second version, published this many days ago (reps who opened the first see "Updated"). */
  update?: { daysAgo: number; note: string; content: DemoAssetContent };
  /** How often partners reach for it, relative to the others. */
  popularity: number;
  /** No partner has used it for at least this many days (the "unused" report). */
  quietForDays?: number;
}

const pdf = (pages: number, ...lines: string[]): DemoAssetContent => ({ kind: "pdf", pages, lines });
const page = (markdown: string): DemoAssetContent => ({ kind: "page", markdown: markdown.trim() });

const emea: Region[] = ["Western Europe", "Northern Europe", "Eastern Europe", "Middle East", "Africa"];

export const demoAssets: DemoAsset[] = [
  {
    key: "d2-vs-x",
    title: "D2 domes vs. Brand X: head-to-head",
    summary:
      "Side-by-side comparison of the Lumeris D2 dome range with Brand X's current 4 MP and 8 MP domes: image quality at night, analytics, cybersecurity and three-year cost.",
    type: "competitive_data_sheet",
    skus: ["LC-D2-4MP", "LC-D2-8MP"],
    markets: ["retail", "education"],
    tags: ["competitive", "brand x", "domes"],
    reviewInDays: 75,
    publishedDaysAgo: 160,
    popularity: 9,
    content: pdf(
      2,
      "Where Lumeris wins: the D2-4MP keeps colour down to 0.005 lux and adds 30 m of IR, where Brand X's 4 MP dome switches to monochrome at 0.05 lux and reaches 20 m.",
      "Analytics at the edge: people and vehicle classification, line crossing and loitering are included in every D2; Brand X sells them as a per-camera licence at about USD 45 each.",
      "Cybersecurity: signed firmware, TLS 1.3 on every stream and a published vulnerability policy. Brand X cameras on the 2024 firmware still ship with Telnet open for service.",
      "Three-year cost for a 32-camera school: Lumeris D2-4MP with NV-32-8T, USD 21,400; Brand X equivalent with analytics licences and a third-party NVR, USD 25,900.",
      "Where Brand X is strong: a wider choice of lens options on their 8 MP line. Answer with the D2-8MP motorised 2.8-12 mm lens, which covers the same scenes with remote zoom.",
    ),
  },
  {
    key: "nv-vs-y",
    title: "NV recorders vs. Brand Y: total cost of ownership",
    summary:
      "Why the NV series beats Brand Y's server-based recorders over five years: hardware, licences, power and service visits for 16 to 64 channels.",
    type: "competitive_data_sheet",
    skus: ["NV-16P-4T", "NV-32-8T", "NV-64R-16T"],
    markets: ["retail", "logistics", "industrial"],
    tags: ["competitive", "brand y", "nvr", "tco"],
    audience: { tiers: ["Platinum", "Gold"] },
    reviewInDays: 120,
    publishedDaysAgo: 48,
    popularity: 6,
    content: pdf(
      2,
      "Brand Y sells a Windows server plus per-channel VMS licences. The NV series is an embedded recorder: no operating system to patch, no annual licence for recording.",
      "Five-year cost, 32 channels: NV-32-8T USD 1,799 plus drives; Brand Y server USD 3,900, 32 licences USD 4,480, Windows updates and one extra service visit per year.",
      "Power: the NV-32-8T draws 38 W with four drives; a comparable Brand Y tower server draws 140 W. Over five years at USD 0.15 per kWh that is USD 670 in the customer's pocket.",
      "RAID 5 on the NV-32-8T and RAID 6 on the NV-64R-16T keep recording through a failed drive, with hot-swap bays on the rack models.",
    ),
  },
  {
    key: "ptz-vs-x",
    title: "PTZ comparison vs. Brand X (2025 models)",
    summary: "Our P5 PTZ cameras against Brand X's 2025 PTZ line: zoom, IR range, auto-tracking and wiper. Figures from Brand X's 2025 data sheets.",
    type: "competitive_data_sheet",
    skus: ["LC-P5-2MP", "LC-P5-4MP"],
    markets: ["city_surveillance", "transportation"],
    tags: ["competitive", "brand x", "ptz"],
    reviewInDays: -21,
    publishedDaysAgo: 300,
    popularity: 5,
    content: pdf(
      2,
      "The LC-P5-4MP zooms 45x optically with a 250 m laser IR; Brand X's 2025 flagship offers 40x and 200 m of LED IR.",
      "Auto-tracking follows people and vehicles across presets without an external server. Brand X requires its VMS plug-in for tracking.",
      "Note: Brand X announced a 2026 PTZ line; this sheet compares the 2025 models and is due for review.",
    ),
  },
  {
    key: "discovery-script",
    title: "Discovery call script: replacing Brand X cameras",
    summary:
      "A 20-minute first call with a site that runs Brand X cameras today: the questions to ask, what to listen for and how to close on a site survey.",
    type: "sales_script",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "NV-16P-4T"],
    markets: ["retail", "education", "healthcare"],
    tags: ["competitive", "brand x", "discovery"],
    publishedDaysAgo: 210,
    popularity: 8,
    content: page(`
# Discovery call: replacing Brand X cameras

Use this on a first call with a site that runs Brand X today. Aim: a site survey booked within two weeks.

## Open (2 minutes)
- Thank them for the time; confirm who else looks after the cameras (IT, facilities, security).
- Say why you called: "Many Brand X sites we visit are on cameras that lost vendor support last year."

## Questions (10 minutes)
1. How many cameras, and how old are the oldest ones?
2. When did you last need footage, and could you use it?
3. Who gets the alerts today, and how many are false?
4. Which cameras see at night, and which ones only see headlights?
5. What does IT say about the cameras' firmware and passwords?

## Listen for
- **Night images** they cannot use: offer the D2 colour-night demo.
- **False alarms** from wind and headlights: people and vehicle classification is included in every D2 and B3.
- **Recorder age**: a Brand X recorder older than five years is the best reason to start with the NV series.

## Close (3 minutes)
- Offer a free site survey and a two-camera trial on their worst scene.
- Book the date before you hang up.
`),
    update: {
      daysAgo: 12,
      note: "Added the firmware question and the two-camera trial offer",
      content: page(`
# Discovery call: replacing Brand X cameras

Use this on a first call with a site that runs Brand X today. Aim: a site survey booked within two weeks.

## Open (2 minutes)
- Thank them for the time; confirm who else looks after the cameras (IT, facilities, security).
- Say why you called: "Many Brand X sites we visit are on cameras that lost vendor support last year."

## Questions (10 minutes)
1. How many cameras, and how old are the oldest ones?
2. When did you last need footage, and could you use it?
3. Who gets the alerts today, and how many are false?
4. Which cameras see at night, and which ones only see headlights?
5. What does IT say about the cameras' firmware and passwords? Has anyone asked about NDAA?

## Listen for
- **Night images** they cannot use: offer the D2 colour-night demo.
- **False alarms** from wind and headlights: people and vehicle classification is included in every D2 and B3.
- **Recorder age**: a Brand X recorder older than five years is the best reason to start with the NV series.
- **IT worries**: signed firmware and TLS on every stream; send the cybersecurity brief after the call.

## Close (3 minutes)
- Offer a free site survey and a **two-camera trial** on their worst scene: we lend the cameras for 30 days.
- Book the date before you hang up.
`),
    },
  },
  {
    key: "objection-cloud",
    title: 'Objection handling: "Cloud VMS is too expensive"',
    summary:
      "Answers for customers who compare the Cloud VMS subscription with buying a recorder once: the real cost of an on-site recorder over three years.",
    type: "sales_script",
    skus: ["VMS-CLD-1Y", "VMS-CLD-3Y", "NV-8P-2T"],
    markets: ["retail", "hospitality", "residential"],
    tags: ["cloud", "objections"],
    publishedDaysAgo: 140,
    popularity: 4,
    content: page(`
# "Cloud VMS is too expensive"

## What the customer compares
A recorder bought once (NV-8P-2T, USD 499) against Cloud VMS at USD 69 per camera per year.

## What they leave out
- The site visit when a drive fails (one every three years on average) and the footage lost with it.
- Firmware updates nobody installs, and the port forwarding someone opened for remote viewing.
- Off-site copies: a recorder stolen in a break-in takes the evidence with it.

## Answer
1. Agree the subscription costs more on paper for 8 cameras.
2. Show the three-year view: VMS-CLD-3Y at USD 179 per camera includes hosting, updates and 30 days retention.
3. Offer hybrid: keep the NV recorder on site and send only the entrance cameras to the cloud.

## When to stop
If the site has no reliable upload (under 10 Mbps), do not push cloud: sell the NV series.
`),
  },
  {
    key: "lpr-talk-track",
    title: "Talk track: licence-plate recognition for parking operators",
    summary: "How to sell LPR to car park and campus parking operators: the B3 LPR bullet, the VMS LPR licence and the numbers operators care about.",
    type: "sales_script",
    skus: ["LC-B3-8MP", "VMS-LPR-1CH"],
    markets: ["transportation", "retail", "education"],
    tags: ["lpr", "parking"],
    audience: { regions: ["North America", "Western Europe"] },
    publishedDaysAgo: 95,
    popularity: 3,
    content: page(`
# Licence-plate recognition for parking operators

## Who buys
Car park operators, hospital and university parking offices, retail parks with time limits.

## What they want to hear
- **Read rate**: 98% of plates at up to 40 km/h, day and night, with the LC-B3-8MP and the IR cut for night plates.
- **Per lane pricing**: one VMS-LPR-1CH licence per lane; entry and exit are two lanes.
- **Lists**: allow lists for staff and season tickets; alerts for plates on a watch list.

## Questions to ask
1. How many entry and exit lanes?
2. Do they issue fines or open barriers today, and by hand?
3. Which system holds the permits?

## Next step
A one-lane trial for two weeks, with a read-rate report at the end.
`),
  },
  {
    key: "nv-teaser",
    title: "NV series launch teaser (video)",
    summary: "A short teaser for the new NV series recorders, for partners' social channels and showroom screens.",
    type: "selling_video",
    skus: ["NV-8P-2T", "NV-16P-4T", "NV-32-8T"],
    markets: ["retail", "logistics"],
    tags: ["nvr", "launch", "video"],
    publishedDaysAgo: 40,
    popularity: 6,
    content: { kind: "video", file: "nvr-launch-teaser.mp4" },
  },
  {
    key: "riverside-testimonial",
    title: "Testimonial: Riverside School District on the D2 domes",
    summary: "The district's safety director on replacing 600 analogue cameras with D2 domes and the Lumeris VMS, in her own words.",
    type: "testimonial",
    skus: ["LC-D2-4MP", "VMS-PRO-BASE"],
    markets: ["education"],
    tags: ["education", "testimonial"],
    publishedDaysAgo: 180,
    popularity: 4,
    content: page(`
# Riverside School District

> "We used to find out about incidents on Monday morning. Now the night cameras show us faces and plates, and the alert reaches the caretaker's phone in seconds."
>
> **Karen Holt**, Director of Safety, Riverside School District

## The district
- 14 schools, 9,800 students
- 600 analogue cameras replaced by D2-4MP domes over two summers

## What changed
- Vandalism repairs down 41% in the first year
- One VMS for all 14 sites, run from the district office
- Parents' evenings and games covered by the same system
`),
  },
  {
    key: "harbour-testimonial",
    title: "Testimonial: Harbour Logistics on LPR at the gate",
    summary: "Harbour Logistics' site manager on gate queues and disputed arrivals after fitting LPR bullets at two truck gates.",
    type: "testimonial",
    skus: ["LC-B3-8MP", "VMS-LPR-1CH"],
    markets: ["logistics", "transportation"],
    tags: ["lpr", "testimonial"],
    publishedDaysAgo: 120,
    popularity: 2,
    content: page(`
# Harbour Logistics

> "Trucks used to wait twenty minutes at the gate while we checked paperwork. The plate is read before the driver stops, and disputes about arrival times are over."
>
> **Martin Kowal**, Site Manager, Harbour Logistics

- Two gates, four lanes, LC-B3-8MP bullets with VMS-LPR-1CH licences
- Average gate time down from 11 to 3 minutes
`),
  },
  {
    key: "nv-brochure",
    title: "NV series network video recorders brochure",
    summary: "The new NV series from 8 to 128 channels: PoE models for small sites, RAID rack recorders for enterprises. Co-brand it with your logo.",
    type: "brochure",
    skus: ["NV-8P-2T", "NV-16P-4T", "NV-32-8T", "NV-64R-16T", "NV-128R-E"],
    markets: ["retail", "logistics", "industrial", "education"],
    tags: ["nvr", "launch"],
    cobrand: true,
    publishedDaysAgo: 40,
    popularity: 10,
    content: pdf(
      4,
      "Recording made simple: the NV series records up to 128 Lumeris or ONVIF cameras with no licences to buy and nothing to install.",
      "NV-8P-2T and NV-16P-4T: plug cameras straight into 8 or 16 PoE ports. Ideal for shops, offices and branches. 2 TB or 4 TB fitted, up to 160 Mbps incoming.",
      "NV-32-8T: 32 channels, four drive bays and RAID 5, so a failed drive does not stop recording.",
      "NV-64R-16T and NV-128R-E: rack recorders for campuses and logistics hubs, RAID 6, hot-swap bays, redundant power and dual 10 GbE on the NV-128R-E.",
      "Every NV recorder runs the same interface as the Lumeris VMS and can join it later: start small, grow without replacing anything.",
      "Cybersecurity built in: signed firmware, encrypted storage, TLS on every connection and a three-year firmware promise.",
    ),
  },
  {
    key: "camera-brochure",
    title: "IP camera range brochure 2026",
    summary: "Domes, bullets, turrets, PTZ, fisheye and thermal: the full Lumeris camera range with the scene each one is made for.",
    type: "brochure",
    skus: ["LC-D2-4MP", "LC-D2-8MP", "LC-B3-4MP", "LC-B3-8MP", "LC-T1-5MP", "LC-P5-2MP", "LC-F1-12MP", "LC-TH-384"],
    markets: ["retail", "education", "city_surveillance", "industrial"],
    tags: ["cameras", "4k", "colour night"],
    cobrand: true,
    publishedDaysAgo: 260,
    popularity: 9,
    content: pdf(
      6,
      "Domes for indoors and out: the D2 series from 4 MP to 8 MP, vandal resistant, with 30 m IR and WDR 120 dB for entrances facing the sun.",
      "Bullets for perimeters and car parks: the B3-4MP with 40 m IR, and the B3-8MP with a motorised lens and IR cut for licence plates at night.",
      "Turrets in full colour: the T1-5MP keeps colour down to 0.002 lux with a soft warm light, so night footage shows the colour of a coat or a car.",
      "PTZ for wide areas: 32x and 45x optical zoom, 200 to 250 m IR, auto-tracking and a wiper on the P5-4MP.",
      "Fisheye and thermal: one F1-12MP covers a whole shop floor; the TH-384 finds people in darkness, fog and smoke along a fence line.",
      "Analytics included: people and vehicle classification, line crossing, intrusion and loitering on every camera.",
    ),
    update: {
      daysAgo: 45,
      note: "Added the T1-5MP turret and the 2026 prices",
      content: pdf(
        6,
        "Domes for indoors and out: the D2 series from 4 MP to 8 MP, vandal resistant, with 30 m IR and WDR 120 dB for entrances facing the sun.",
        "Bullets for perimeters and car parks: the B3-4MP with 40 m IR, and the B3-8MP with a motorised lens and IR cut for licence plates at night.",
        "New: the T1-5MP turret keeps full colour down to 0.002 lux with a soft warm light, so night footage shows the colour of a coat or a car.",
        "PTZ for wide areas: 32x and 45x optical zoom, 200 to 250 m IR, auto-tracking and a wiper on the P5-4MP.",
        "Fisheye and thermal: one F1-12MP covers a whole shop floor; the TH-384 finds people in darkness, fog and smoke along a fence line.",
        "Analytics included: people and vehicle classification, line crossing, intrusion and loitering on every camera. 2026 list prices inside.",
      ),
    },
  },
  {
    key: "vms-brochure",
    title: "Lumeris VMS: one platform for video and access",
    summary: "The Lumeris VMS in Professional, Enterprise and Cloud editions, with access control and LPR in the same client.",
    type: "brochure",
    skus: ["VMS-PRO-BASE", "VMS-PRO-1CH", "VMS-ENT-BASE", "VMS-ENT-1CH", "VMS-CLD-1Y", "AC-C2-DOOR"],
    markets: ["government", "critical_infrastructure", "banking"],
    tags: ["vms", "access control", "cloud"],
    cobrand: true,
    publishedDaysAgo: 330,
    popularity: 5,
    content: pdf(
      4,
      "One client for cameras, doors and plates: operators see a door event next to the video of the door, and open it from the same screen.",
      "Professional: for single sites up to 64 cameras. Enterprise: failover recording, federation of many sites and video walls. Cloud: hosted recording with 30 days retention.",
      "Access control built in: AC-C2-DOOR and AC-C8-DOOR controllers with OSDP readers, mobile credentials and fingerprint readers.",
      "Open: ONVIF Profile S, G and T cameras, an SDK and a REST API for alarm panels and intercoms.",
    ),
  },
  {
    key: "education-brochure",
    title: "Safer campuses: video and access for schools and universities",
    summary: "An education-sector brochure: lockdown from one button, visitor management at reception and colour-night cameras for car parks.",
    type: "brochure",
    skus: ["LC-D2-4MP", "LC-T1-5MP", "AC-R20-MOB", "AC-C2-DOOR", "VMS-PRO-BASE"],
    markets: ["education"],
    tags: ["education"],
    cobrand: true,
    publishedDaysAgo: 150,
    popularity: 6,
    content: pdf(
      3,
      "Lockdown from one button: every AC controller locks its doors at once, and the VMS shows every entrance on one screen.",
      "Reception that knows who is in the building: mobile and card readers for staff, visitor badges printed at the desk.",
      "Car parks and playgrounds in colour at night with the T1-5MP turret; corridors and stairwells covered by D2 domes.",
      "Privacy by design: masking of classroom windows, role-based access to recordings and automatic deletion after your retention period.",
    ),
  },
  {
    key: "spec-d2-4mp",
    title: "Spec sheet: Dome 4 MP IR, 2.8 mm (LC-D2-4MP)",
    summary: "Technical specification of the LC-D2-4MP dome: sensor, lens, IR, analytics, power and environmental ratings.",
    type: "spec_sheet",
    skus: ["LC-D2-4MP"],
    markets: ["retail", "education"],
    tags: ["domes", "datasheet"],
    publishedDaysAgo: 380,
    popularity: 7,
    content: pdf(
      2,
      "Image sensor: 1/2.7 inch progressive CMOS, 4 MP (2688 x 1520). Minimum illumination: colour 0.005 lux, 0 lux with IR on.",
      "Lens: 2.8 mm fixed, horizontal field of view 103 degrees. IR range: 30 m, smart IR. WDR: 120 dB.",
      "Video: H.265, H.264, MJPEG; three streams; up to 25/30 fps at full resolution.",
      "Analytics: people and vehicle classification, line crossing, intrusion, loitering, tamper detection.",
      "Power: PoE (802.3af), 6.5 W max. Housing: IP67, IK10, -30 to +60 C. Mounting: AX-WM-D2 wall mount.",
    ),
  },
  {
    key: "spec-b3-8mp",
    title: "Spec sheet: Bullet 8 MP LPR, 8-32 mm (LC-B3-8MP)",
    summary: "Technical specification of the LC-B3-8MP licence-plate bullet: motorised lens, IR cut for night plates, LPR read rates.",
    type: "spec_sheet",
    skus: ["LC-B3-8MP"],
    markets: ["transportation", "logistics"],
    tags: ["lpr", "datasheet"],
    publishedDaysAgo: 280,
    popularity: 4,
    content: pdf(
      2,
      "Image sensor: 1/1.8 inch CMOS, 8 MP. Lens: 8-32 mm motorised, remote zoom and focus. IR: 60 m, with a night plate mode.",
      "LPR: read rate 98% at up to 40 km/h, lane width up to 4 m, with the VMS-LPR-1CH licence.",
      "Power: PoE+ (802.3at), 18 W max. Housing: IP67, IK10, -40 to +60 C with heater.",
    ),
  },
  {
    key: "spec-nv16",
    title: "Spec sheet: NVR 16 channel PoE, 4 TB (NV-16P-4T)",
    summary: "Technical specification of the NV-16P-4T recorder: channels, bandwidth, PoE budget, storage and interfaces.",
    type: "spec_sheet",
    skus: ["NV-16P-4T"],
    markets: ["retail", "hospitality"],
    tags: ["nvr", "datasheet"],
    publishedDaysAgo: 150,
    popularity: 8,
    content: pdf(
      2,
      "Channels: 16 IP cameras up to 12 MP, 160 Mbps incoming, 160 Mbps outgoing. Decoding: 4 x 4K at 30 fps.",
      "PoE: 16 ports, 802.3af/at, 160 W total budget. Storage: 2 bays, 4 TB fitted, up to 2 x 16 TB.",
      "Interfaces: HDMI 4K and VGA, 2 USB, 1 GbE uplink, 4 alarm inputs, 1 relay output. Power: 230 W with PoE at full load.",
    ),
    update: {
      daysAgo: 20,
      note: "Corrected PoE budget: 192 W total",
      content: pdf(
        2,
        "Channels: 16 IP cameras up to 12 MP, 160 Mbps incoming, 160 Mbps outgoing. Decoding: 4 x 4K at 30 fps.",
        "PoE: 16 ports, 802.3af/at, 192 W total budget (corrected from 160 W). Storage: 2 bays, 4 TB fitted, up to 2 x 16 TB.",
        "Interfaces: HDMI 4K and VGA, 2 USB, 1 GbE uplink, 4 alarm inputs, 1 relay output. Power: 260 W with PoE at full load.",
      ),
    },
  },
  {
    key: "spec-thermal",
    title: "Spec sheet: Thermal bullet 384x288 (LC-TH-384)",
    summary: "Technical specification of the LC-TH-384 thermal bullet: detection ranges, temperature alarms and perimeter analytics.",
    type: "spec_sheet",
    skus: ["LC-TH-384"],
    markets: ["critical_infrastructure", "industrial"],
    tags: ["thermal", "perimeter", "datasheet"],
    publishedDaysAgo: 230,
    popularity: 3,
    content: pdf(
      2,
      "Thermal sensor: 384 x 288 vanadium oxide, NETD under 40 mK. Lens: 15 mm. Detection: a person at 420 m, a vehicle at 1,100 m.",
      "Analytics: perimeter intrusion and line crossing on thermal video; temperature alarms from -20 to +150 C for equipment monitoring.",
      "Housing: IP67, -40 to +70 C. Power: 12 V DC or PoE+.",
    ),
  },
  {
    key: "spec-ac-c2",
    title: "Spec sheet: Two-door controller (AC-C2-DOOR)",
    summary: "Technical specification of the AC-C2-DOOR controller: readers, inputs, outputs, PoE+ and integration with the VMS.",
    type: "spec_sheet",
    skus: ["AC-C2-DOOR"],
    markets: ["government", "banking"],
    tags: ["access control", "datasheet"],
    publishedDaysAgo: 420,
    popularity: 2,
    quietForDays: 95,
    content: pdf(
      2,
      "Doors: 2, each with a reader port (OSDP v2 or Wiegand), a door contact, a request-to-exit input and a lock relay.",
      "Power: PoE+ powers the controller, two readers and two 12 V locks. Memory: 100,000 credentials, 50,000 events offline.",
      "Integration: managed from the Lumeris VMS; door events appear next to the video of the door.",
    ),
  },
  {
    key: "grocery-case",
    title: "Case study: 40-store grocery chain cuts shrink by 18%",
    summary: "How Northgate Security Integrators rolled out D2 domes, fisheyes and the VMS across 40 grocery stores in nine months.",
    type: "case_study",
    skus: ["LC-D2-4MP", "LC-F1-12MP", "NV-32-8T", "VMS-ENT-BASE"],
    markets: ["retail"],
    tags: ["retail", "loss prevention", "brand x"],
    publishedDaysAgo: 200,
    popularity: 7,
    content: page(`
# 40-store grocery chain cuts shrink by 18%

## The customer
A regional grocery chain with 40 stores and two distribution centres, running Brand X cameras bought in 2016.

## The problem
- Night footage unusable in car parks; loading bays blind when the doors were open
- Eight different recorders, none of them updated since installation
- Loss-prevention staff driving between stores to copy video

## What Northgate installed
1. **D2-4MP domes** at entrances and tills, **F1-12MP fisheyes** over the shop floor
2. One **NV-32-8T** per store, joined to **VMS Enterprise** at head office
3. Exception reports from the tills linked to the video of each till

## Results after one year
- Shrink down **18%**
- Investigations closed in hours instead of days
- No more store visits to copy footage: exports are made centrally
`),
  },
  {
    key: "riverside-case",
    title: "Case study: Riverside School District, 600 cameras on one VMS",
    summary: "A district-wide move from analogue to IP over two summers, with lockdown and visitor management added in the second year.",
    type: "case_study",
    skus: ["LC-D2-4MP", "LC-T1-5MP", "VMS-PRO-BASE", "AC-C2-DOOR", "AC-R20-MOB"],
    markets: ["education"],
    tags: ["education", "access control"],
    publishedDaysAgo: 175,
    popularity: 5,
    content: page(`
# Riverside School District: 600 cameras on one VMS

## Phase 1: cameras (first summer)
- 600 analogue cameras replaced by **D2-4MP** domes and **T1-5MP** colour-night turrets in car parks
- Existing coax reused with PoE-over-coax adapters where new cable was too costly

## Phase 2: doors (second summer)
- **AC-C2-DOOR** controllers on every external door, **AC-R20-MOB** readers for staff phones
- Lockdown of all 14 schools from one button in the district office

## What the district says
- Vandalism repairs down 41%
- Response to incidents during the school day in under two minutes
`),
  },
  {
    key: "port-case",
    title: "Case study: thermal perimeter for a port logistics hub",
    summary: "Rheinwacht Sicherheitstechnik protects a 3 km fence line on the Rhine with thermal bullets and PTZ tracking.",
    type: "case_study",
    skus: ["LC-TH-384", "LC-P5-4MP", "NV-64R-16T"],
    markets: ["logistics", "critical_infrastructure"],
    tags: ["thermal", "perimeter"],
    audience: { regions: ["Western Europe", "Northern Europe", "Middle East"] },
    publishedDaysAgo: 110,
    popularity: 4,
    content: page(`
# Thermal perimeter for a port logistics hub

## The site
A container and rail hub on the Rhine: 3 km of fence, water on one side, fog on 60 nights a year.

## The design
- **28 LC-TH-384** thermal bullets along the fence, one every 110 m
- **6 LC-P5-4MP** PTZs that turn to every thermal alarm and track the intruder
- Two **NV-64R-16T** recorders in RAID 6

## Results
- False alarms down from 40 a night (motion detection) to under 2
- Two intrusions stopped at the fence in the first six months
`),
  },
  {
    key: "nv-install",
    title: "Installation guide: NV series rack mounting and RAID setup",
    summary: "Step by step for technicians: mounting the NV-64R and NV-128R, fitting drives, building RAID 6 and adding cameras.",
    type: "installation_reference",
    skus: ["NV-64R-16T", "NV-128R-E", "AX-HDD-8T"],
    markets: ["logistics", "industrial"],
    tags: ["nvr", "installation", "raid"],
    publishedDaysAgo: 38,
    popularity: 5,
    content: pdf(
      3,
      "Before you start: two people to lift the NV-128R-E, a 2U space with rear support rails, two separate power feeds for the redundant supplies.",
      "Drives: fit AX-HDD-8T surveillance drives from the lowest bay up. Mixed drive sizes are allowed but RAID uses the smallest.",
      "RAID 6: Storage > Arrays > Create, select all bays, RAID 6, one hot spare on the NV-128R-E. Initialisation runs in the background; recording can start at once.",
      "Cameras: Devices > Discover finds Lumeris and ONVIF cameras on the camera network. Set the recording schedule and retention before you leave the site.",
    ),
  },
  {
    key: "ptz-install",
    title: "Installation reference: PTZ pole mounting and cabling",
    summary: "Pole mounting the P5 PTZ cameras: AX-PM-PTZ adapter, cable entry, surge protection and the first presets.",
    type: "installation_reference",
    skus: ["LC-P5-2MP", "LC-P5-4MP", "AX-PM-PTZ"],
    markets: ["city_surveillance", "transportation"],
    tags: ["ptz", "installation"],
    publishedDaysAgo: 250,
    popularity: 3,
    content: page(`
# PTZ pole mounting and cabling

## Parts
- AX-PM-PTZ pole adapter (80-130 mm poles), stainless steel bands
- Outdoor Cat 6 with a surge protector at the pole base
- 60 W PoE injector or a PoE++ switch port (the wiper and heater need it)

## Steps
1. Fit the adapter at least 4 m up, band tension 25 Nm.
2. Bring the cable in through the adapter, never through the side of the housing.
3. Earth the surge protector to the pole's earth point.
4. Power up, set the home position, then presets in the order of the patrol tour.

## Checks before you leave
- The wiper parks outside the view
- Auto-tracking stops at the privacy masks
`),
  },
  {
    key: "osdp-install",
    title: "Installation reference: access control wiring (OSDP)",
    summary: "Wiring AC readers and controllers with OSDP: cable, termination, addressing and secure channel.",
    type: "installation_reference",
    skus: ["AC-C2-DOOR", "AC-C8-DOOR", "AC-R10-MIF", "AC-R20-MOB"],
    markets: ["government", "banking", "healthcare"],
    tags: ["access control", "installation", "osdp"],
    publishedDaysAgo: 190,
    popularity: 2,
    content: pdf(
      2,
      "Cable: shielded twisted pair, 4 cores, up to 1,200 m per reader bus. Terminate the last reader with 120 ohms.",
      "Addressing: each reader on a bus gets its own OSDP address (0-126); the controller finds them with Devices > Readers > Scan.",
      "Secure channel: turn on OSDP secure channel for every reader; readers installed before 2024 need firmware 3.2 or later.",
    ),
  },
  {
    key: "portfolio-deck",
    title: "Partner presentation: Lumeris 2026 portfolio",
    summary: "The deck for first meetings with end customers: who Lumeris is, the 2026 portfolio and three reference projects.",
    type: "presentation",
    skus: ["LC-D2-4MP", "NV-32-8T", "VMS-ENT-BASE", "AC-C2-DOOR"],
    markets: ["retail", "education", "government"],
    tags: ["presentation"],
    publishedDaysAgo: 90,
    popularity: 7,
    content: pdf(
      8,
      "Lumeris Security: video surveillance and access control made in Europe, sold only through certified partners.",
      "Our promise: cameras, recorders and software that work together, with firmware support for at least seven years.",
      "2026 portfolio: IP cameras from 2 MP to 12 MP, thermal and PTZ; NV recorders from 8 to 128 channels; the Lumeris VMS; access control.",
      "Reference: a 40-store grocery chain, shrink down 18%.",
      "Reference: Riverside School District, 600 cameras and 14 schools on one VMS.",
      "Reference: a port logistics hub, 3 km of thermal perimeter.",
      "Cybersecurity: signed firmware, TLS everywhere, NDAA compliant.",
      "Next steps: a site survey and a two-camera trial.",
    ),
  },
  {
    key: "nv-launch-deck",
    title: "NV launch deck for Platinum partners",
    summary: "Launch plan, margins and demo-unit offer for the NV series, for Platinum partners ahead of the public launch.",
    type: "presentation",
    skus: ["NV-8P-2T", "NV-16P-4T", "NV-32-8T", "NV-64R-16T", "NV-128R-E"],
    markets: ["retail", "logistics"],
    tags: ["nvr", "launch"],
    audience: { tiers: ["Platinum"] },
    publishedDaysAgo: 42,
    popularity: 4,
    content: pdf(
      5,
      "Launch timeline: Platinum preview now, public launch in four weeks, NV-4P-1T end of sale at launch.",
      "Margins: launch discount of 8% on the first ten NV units per partner until the end of the quarter.",
      "Demo units: one NV-16P-4T at 50% of list for every Platinum partner.",
      "Competitive position: against Brand Y servers, use the total-cost sheet.",
      "Support: firmware 1.0.4 fixes the PoE budget display; update demo units before showing them.",
    ),
  },
  {
    key: "price-na",
    title: "Partner price list North America, Q3 (USD)",
    summary: "List prices and partner discounts by tier for the whole catalog, in US dollars.",
    type: "price_list",
    skus: [],
    markets: [],
    tags: ["prices"],
    audience: { regions: ["North America", "Latin America"] },
    publishedDaysAgo: 70,
    popularity: 9,
    content: pdf(
      3,
      "Discounts from list: Platinum 38%, Gold 32%, Silver 26%, Registered 20%. Project pricing above 100 cameras on request.",
      "IP cameras: LC-D2-4MP 219.00, LC-D2-8MP 449.00, LC-B3-4MP 239.00, LC-B3-8MP 799.00, LC-T1-5MP 279.00, LC-P5-2MP 1,899.00, LC-P5-4MP 2,599.00, LC-F1-12MP 699.00, LC-TH-384 3,499.00.",
      "Recorders: NV-8P-2T 499.00, NV-16P-4T 999.00, NV-32-8T 1,799.00, NV-64R-16T 3,899.00, NV-128R-E 7,499.00.",
      "Software: VMS-PRO-1CH 99.00, VMS-PRO-BASE 399.00, VMS-ENT-1CH 179.00, VMS-ENT-BASE 1,999.00, VMS-CLD-1Y 69.00, VMS-CLD-3Y 179.00, VMS-LPR-1CH 499.00.",
      "Access control: AC-R10-MIF 129.00, AC-R20-MOB 199.00, AC-R30-BIO 399.00, AC-C2-DOOR 449.00, AC-C8-DOOR 1,299.00.",
    ),
  },
  {
    key: "price-emea",
    title: "Partner price list EMEA, Q3 (EUR)",
    summary: "List prices and partner discounts by tier for Europe, the Middle East and Africa, in euros.",
    type: "price_list",
    skus: [],
    markets: [],
    tags: ["prices"],
    audience: { regions: emea },
    publishedDaysAgo: 70,
    popularity: 8,
    content: pdf(
      3,
      "Discounts from list: Platinum 38%, Gold 32%, Silver 26%, Registered 20%. Prices exclude VAT.",
      "IP cameras: LC-D2-4MP 205.00, LC-D2-8MP 419.00, LC-B3-4MP 225.00, LC-B3-8MP 749.00, LC-T1-5MP 259.00, LC-P5-4MP 2,449.00, LC-TH-384 3,290.00.",
      "Recorders: NV-8P-2T 469.00, NV-16P-4T 939.00, NV-32-8T 1,690.00, NV-64R-16T 3,650.00, NV-128R-E 6,990.00.",
    ),
  },
  {
    key: "northgate-plan",
    title: "Northgate joint marketing plan 2026",
    summary: "The joint plan agreed with Northgate Security Integrators: retail events, co-funded campaigns and the NV launch in Chicago.",
    type: "presentation",
    skus: [],
    markets: ["retail"],
    tags: ["marketing plan"],
    audience: { partners: ["Northgate Security Integrators"] },
    publishedDaysAgo: 100,
    popularity: 6,
    content: pdf(
      3,
      "Goals: 25 new retail sites, 8 NV series migrations from Brand Y, two reference stories by year end.",
      "Events: NRF Protect (June), a Chicago launch breakfast for the NV series, two webinars for loss-prevention managers.",
      "Funding: Lumeris co-funds 50% of the events up to USD 18,000 from the market development fund.",
    ),
  },
  {
    key: "gulf-expo",
    title: "Expo flyer: smart city surveillance (Gulf Shield)",
    summary: "A co-branded flyer for Gulf Shield Technologies' stand at the security expo in Dubai: PTZ, thermal and the VMS Enterprise.",
    type: "brochure",
    skus: ["LC-P5-4MP", "LC-TH-384", "VMS-ENT-BASE"],
    markets: ["city_surveillance", "critical_infrastructure"],
    tags: ["city", "expo"],
    audience: { partners: ["Gulf Shield Technologies"] },
    cobrand: true,
    publishedDaysAgo: 60,
    popularity: 3,
    content: pdf(
      2,
      "Smart city surveillance from one vendor: 45x PTZ cameras with laser IR, thermal perimeter cameras and a VMS that federates every district.",
      "Visit us at the expo for a live demo of auto-tracking and thermal perimeter analytics.",
    ),
  },
];

/** Kits: named groups of the assets above, in order. */
export const demoKits = [
  {
    title: "New NVR launch",
    description:
      "Everything for the NV series launch: the teaser, the brochure to co-brand, the spec sheet, the Brand Y comparison and the install guide.",
    assets: ["nv-teaser", "nv-brochure", "spec-nv16", "nv-vs-y", "nv-launch-deck", "nv-install"],
  },
  {
    title: "Competitive displacement of brand X",
    description: "Win Brand X sites: the comparisons, the discovery call script, the objections and a reference customer who switched.",
    assets: ["d2-vs-x", "ptz-vs-x", "discovery-script", "grocery-case", "camera-brochure"],
  },
  {
    title: "Education sector starter",
    description: "For schools and universities: the brochure, a district that switched, and the specs IT will ask for.",
    assets: ["education-brochure", "riverside-testimonial", "riverside-case", "spec-d2-4mp", "spec-ac-c2"],
  },
];
