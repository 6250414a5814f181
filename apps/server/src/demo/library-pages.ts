// The demo library's markdown pages (sales scripts, testimonials, case studies, references):
// text only, kept apart from the asset list in library-content.ts so each reads in one sitting.

/** A first-call script for Brand X sites (version 1). */
export const discoveryCallScript = `
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
`;

/** Objection handling for cloud VMS pricing. */
export const cloudObjectionScript = `
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
`;

/** Licence-plate recognition talk track for parking operators. */
export const lprTalkTrack = `
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
`;

/** Testimonial: Riverside School District. */
export const riversideTestimonial = `
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
`;

/** Testimonial: Harbour Logistics. */
export const harbourTestimonial = `
# Harbour Logistics

> "Trucks used to wait twenty minutes at the gate while we checked paperwork. The plate is read before the driver stops, and disputes about arrival times are over."
>
> **Martin Kowal**, Site Manager, Harbour Logistics

- Two gates, four lanes, LC-B3-8MP bullets with VMS-LPR-1CH licences
- Average gate time down from 11 to 3 minutes
`;

/** Case study: a 40-store grocery chain. */
export const groceryCaseStudy = `
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
`;

/** Case study: Riverside School District. */
export const riversideCaseStudy = `
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
`;

/** Case study: thermal perimeter for a port. */
export const portCaseStudy = `
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
`;

/** Installation reference: PTZ pole mounting. */
export const ptzPoleReference = `
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
`;

/** Version 2 of the discovery-call script: the NDAA question, IT worries and the trial terms added. */
export const discoveryCallScriptV2 = discoveryCallScript
  .replace(
    "5. What does IT say about the cameras' firmware and passwords?",
    "5. What does IT say about the cameras' firmware and passwords? Has anyone asked about NDAA?",
  )
  .replace(
    "- **Recorder age**: a Brand X recorder older than five years is the best reason to start with the NV series.",
    "- **Recorder age**: a Brand X recorder older than five years is the best reason to start with the NV series.\n- **IT worries**: signed firmware and TLS on every stream; send the cybersecurity brief after the call.",
  )
  .replace(
    "- Offer a free site survey and a two-camera trial on their worst scene.",
    "- Offer a free site survey and a **two-camera trial** on their worst scene: we lend the cameras for 30 days.",
  );
