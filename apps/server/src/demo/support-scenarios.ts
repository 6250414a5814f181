import type { TicketCategory, TicketSeverity } from "@trellis/shared";
import { systemScenarios } from "./support-scenarios-systems.js";

/** The known problems of the demo (support-content.ts); scenarios that run into one say which. */
export type KnownProblemKey = "nvr-overwrite" | "ir-glare" | "onvif-events" | "ptz-poe" | "rtsp-drops" | "offline-activation";

/**
 * What partners ask the demo vendor's support desk about: each scenario is one kind of ticket, with
 * the words of its opening, the agent's question and the partner's answer, the agent's internal
 * finding and the answer that solves it. Placeholders: {product} {sku} {serial} {fw} {site} {count}.
 */
export interface Scenario {
  key: string;
  /** Products it happens on (one is named on the ticket); `with` adds a second. */
  skus: string[];
  with?: string[];
  category: TicketCategory;
  severities: TicketSeverity[];
  subjects: string[];
  description: string;
  question?: string;
  answer?: string;
  note: string;
  solution: string;
  knownProblem?: KnownProblemKey;
  /** Firmware the tickets report; default: what the family ran at the time. */
  firmware?: string[];
  /** Months ago (oldest, newest) when it happened; default: all year. */
  window?: [number, number];
  /** Relative time it takes the desk. */
  effort: number;
  /** How often it comes up, relative to the others. */
  weight: number;
  /** Tickets name serials (not for design questions). */
  serials: boolean;
  /** The unit goes back: an RMA may be authorised on it, for this reason. */
  rma?: string;
  /** Integration work: the heavy consumer brings much more of it. */
  integration?: boolean;
}

export const scenarios: Scenario[] = [
  {
    key: "nvr-overwrite",
    skus: ["NV-16P-4T", "NV-32-8T"],
    category: "suspected_defect",
    severities: ["P1", "P2", "P2"],
    subjects: [
      "{sku} stopped recording overnight, disk over 90% full",
      "Recording gaps on {sku} at {site}",
      "NVR no longer overwrites the oldest footage",
    ],
    description:
      "The {product} (serial {serial}, firmware {fw}) at {site} stopped recording on all channels at about 02:00. Storage shows 93% used and overwrite is enabled. A reboot brings recording back for a few hours, then it stops again.\n\nThe customer has lost a night of footage.",
    question: "Could you export the system log (Maintenance > Logs > Export) and send a screenshot of Storage > Disk management?",
    answer: "Log export and screenshot attached. Disk 1 is at 94%, disk 2 at 91%.",
    note: "Log shows `rec: no free block, overwrite skipped` once a disk passes 90%. Same signature as the known 3.2.x overwrite defect; linking the ticket.",
    solution:
      "This is a known defect in firmware 3.2.0 and 3.2.1: the overwrite does not start once a disk passes 90%. Until you can upgrade, set Storage > Quota to 85% and recording continues. Firmware 3.2.3 fixes it; please upgrade and tell us if recording holds.",
    knownProblem: "nvr-overwrite",
    firmware: ["3.2.1", "3.2.1", "3.2.1", "3.2.0"],
    window: [9, 5],
    effort: 1.3,
    weight: 9,
    serials: true,
  },
  {
    key: "nvr-bandwidth",
    skus: ["NV-8P-2T", "NV-16P-4T", "NV-32-8T"],
    category: "configuration",
    severities: ["P2", "P3"],
    subjects: ["Recording gaps every few minutes on some channels", "{sku} drops frames on the 4K cameras", "Playback shows gaps at {site}"],
    description:
      "{count} cameras on the {product} (serial {serial}, firmware {fw}) at {site}. The 4K channels show gaps of 5 to 20 seconds every few minutes in playback. Live view looks fine.",
    question: "Please send a screenshot of System > Network > Incoming bandwidth, and the stream settings of one affected camera.",
    answer: "Screenshots attached. Incoming shows about 172 Mbps.",
    note: "172 Mbps against a 160 Mbps limit: the recorder drops frames. Cameras on 8 MP H.264 at 16 Mbps each.",
    solution:
      "The recorder receives more than its 160 Mbps incoming limit, so it drops frames. Switch the 4K cameras to H.265 with smart codec (about 6 Mbps each) or lower the frame rate to 15 fps; that brings it to roughly 90 Mbps with room to spare.",
    effort: 0.9,
    weight: 6,
    serials: true,
  },
  {
    key: "camera-upgrade",
    skus: ["LC-D2-4MP", "LC-D2-8MP", "LC-B3-4MP", "LC-T1-5MP"],
    category: "installation",
    severities: ["P3", "P3", "P4"],
    subjects: ["Firmware upgrade fails at 63% on {sku}", "{sku} rejects the new firmware file", "Cannot upgrade {count} cameras at {site}"],
    description:
      "Upgrading the {product} (serial {serial}) from {fw} through the web interface stops at 63% with 'upgrade failed'. The camera comes back on {fw}. Tried two browsers.",
    note: "Cameras older than 5.4.2 need the intermediate package: the signing key changed in 5.4.2.",
    solution:
      "Cameras below 5.4.2 must take the intermediate release 5.4.8 first, because the firmware signing key changed. Install 5.4.8, let the camera reboot, then the current release. For many cameras use the recorder's batch upgrade (Cameras > Maintenance > Upgrade), which does both steps.",
    firmware: ["5.3.9", "5.4.0", "5.4.1"],
    effort: 0.6,
    weight: 8,
    serials: true,
  },
  {
    key: "onvif-events",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "LC-T1-5MP"],
    category: "integration",
    severities: ["P2", "P3"],
    subjects: [
      "ONVIF events from {sku} not arriving in Corvex VMS",
      "Motion events missing in third-party VMS (Profile T)",
      "Corvex VMS loses event subscription after an hour",
    ],
    description:
      "The customer at {site} runs Corvex VMS 7.4. Video from our {product} (firmware {fw}) works over ONVIF, but motion and line-crossing events stop arriving after about an hour. Re-adding the camera fixes it until the next hour.",
    question: "Could you capture the ONVIF traffic between the VMS and one camera for two hours (Wireshark on the VMS server) and send the pcap?",
    answer: "Capture attached, camera 10.20.4.31. Events stop at 14:07.",
    note: "The camera answers the VMS's Renew with a TerminationTime in local time instead of UTC; Corvex then lets the subscription lapse. Linking the known problem.",
    solution:
      "Our camera firmware writes the subscription's termination time in local time instead of UTC, and Corvex VMS lets the subscription expire. Workaround: set the camera's time zone to UTC (the overlay can still show local time). Firmware 5.6.0 fixes it.",
    knownProblem: "onvif-events",
    window: [6, 0],
    effort: 1.6,
    weight: 7,
    serials: true,
    integration: true,
  },
  {
    key: "onvif-discovery",
    skus: ["LC-D2-4MP", "LC-D2-8MP", "LC-B3-4MP", "LC-P5-2MP", "LC-F1-12MP"],
    category: "integration",
    severities: ["P3", "P4"],
    subjects: ["{sku} not discovered by the customer's VMS", "ONVIF add fails with 'unauthorised'", "Third-party VMS cannot log in to {sku}"],
    description:
      "The customer's VMS at {site} finds the {product} but adding it fails with 'unauthorised', with the same admin password that works in the browser. Firmware {fw}.",
    note: "ONVIF users are separate from web users on our cameras; ONVIF is off by default since 5.4.",
    solution:
      "ONVIF has its own user list and is off by default. In the camera go to Network > Integration > ONVIF, switch it on and add an ONVIF user (media user is enough for video, operator for PTZ and events). Use that user in the VMS.",
    effort: 0.5,
    weight: 6,
    serials: true,
    integration: true,
  },
  {
    key: "rtsp-drops",
    skus: ["LC-B3-4MP", "LC-B3-8MP", "LC-D2-4MP"],
    category: "integration",
    severities: ["P2", "P2", "P3"],
    subjects: [
      "RTSP stream drops every 30 to 60 minutes",
      "{sku} RTSP disconnects behind the customer's firewall",
      "Video wall loses {sku} streams every hour",
    ],
    description:
      "{count} cameras at {site} feed a video wall over RTSP (TCP interleaved) through the customer's firewall. Every 30 to 60 minutes each stream drops and reconnects. Firmware {fw}.",
    question: "Does it also happen on a camera connected on the same switch as the decoder, without the firewall in between?",
    answer: "Tested for a day: on the same switch the stream stays up. Only through the firewall it drops.",
    note: "5.5.0 stops sending RTCP keep-alives on interleaved TCP; the firewall's idle timer closes the session. Known problem.",
    solution:
      "Firmware 5.5.0 stops sending keep-alives on RTSP over TCP, so firewalls with an idle timeout close the session. Upgrade to 5.5.2, which fixes it; if you cannot yet, raise the firewall's TCP idle timeout above 3600 s for the camera VLAN.",
    knownProblem: "rtsp-drops",
    firmware: ["5.5.0"],
    window: [11, 7],
    effort: 1.2,
    weight: 8,
    serials: true,
    integration: true,
  },
  {
    key: "rtsp-url",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "LC-T1-5MP", "LC-F1-12MP", "LC-TH-384"],
    category: "configuration",
    severities: ["P4"],
    subjects: ["RTSP URL for the sub-stream of {sku}?", "Which stream path does {sku} use for the third stream?"],
    description:
      "For a decoder at {site} we need the RTSP path of the second and third stream of the {product}. The manual only lists the main stream.",
    note: "Documented in the integration guide, not in the quick start.",
    solution:
      "Main stream: `rtsp://<ip>:554/stream1`, sub-stream: `/stream2`, third stream: `/stream3`. The fisheye adds `/dewarp1` to `/dewarp4` for dewarped views. The integration guide in the library lists all of them.",
    effort: 0.25,
    weight: 5,
    serials: false,
  },
  {
    key: "ir-glare",
    skus: ["LC-D2-4MP", "LC-D2-8MP"],
    category: "installation",
    severities: ["P3", "P3", "P4"],
    subjects: ["Night image washed out on domes under the eaves", "IR glare on {sku} at {site}", "White haze at night on {count} domes"],
    description:
      "At {site} the {product} domes are mounted under the eaves. At night the image is washed out with a white haze at the top; day image is fine. Cleaned the bubbles, no change. Firmware {fw}.",
    question: "Please send a night snapshot and a photo of one mounting position, showing the distance to the soffit.",
    answer: "Snapshot and photo attached: the dome sits about 5 cm below the soffit.",
    note: "IR reflecting off the soffit into the bubble. Documented limitation of the D2 under overhangs.",
    solution:
      "The IR light reflects off the soffit into the dome bubble. Move the dome at least 15 cm below the overhang with the AX-WM-D2 wall mount, switch Smart IR on and tilt the lens at least 10° down. The known problem page has photos of good and bad positions.",
    knownProblem: "ir-glare",
    effort: 0.7,
    weight: 6,
    serials: true,
  },
  {
    key: "ptz-poe",
    skus: ["LC-P5-4MP", "LC-P5-2MP"],
    with: ["AX-SW-8POE", "AX-SW-24POE"],
    category: "installation",
    severities: ["P2", "P3"],
    subjects: ["PTZ reboots every evening at dusk", "{sku} restarts when IR switches on", "PTZ at {site} loses video at night"],
    description:
      "The {product} at {site} runs fine all day; at dusk it reboots every few minutes for an hour or more. Powered from our PoE switch. Firmware {fw}.",
    note: "IR plus heater plus wiper draws more than 30 W: 802.3at is not enough at night. Known limitation.",
    solution:
      "At night the PTZ draws up to 52 W (IR, heater and wiper together), more than an 802.3at port delivers. Power it from an 802.3bt port or the 60 W injector, or from 24 V AC. The data sheet says this, but it is easy to miss; the known problem has the details.",
    knownProblem: "ptz-poe",
    effort: 0.8,
    weight: 4,
    serials: true,
  },
  {
    key: "poe-budget",
    skus: ["AX-SW-8POE", "AX-SW-24POE"],
    category: "installation",
    severities: ["P3"],
    subjects: ["Cameras on {sku} drop when IR switches on", "PoE budget exceeded at night on {sku}"],
    description:
      "{count} cameras on one {product} (serial {serial}) at {site}. At night two or three of them lose power in turn. The switch log shows 'PoE budget exceeded'.",
    note: "Sum of IR-on draws is above the switch budget; cameras powered in port order.",
    solution:
      "At night every camera switches on IR and draws up to 40% more. Your {count} cameras need about 150 W at night against the switch's budget. Move some cameras to a second switch, or set port priority so the important cameras keep power; the PoE calculator in the library helps plan it.",
    effort: 0.5,
    weight: 5,
    serials: true,
  },
  {
    key: "dead-camera",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "LC-T1-5MP", "LC-P5-2MP", "LC-D2-8MP"],
    category: "rma_request",
    severities: ["P3"],
    subjects: ["Dead camera, no PoE link: RMA request", "{sku} does not power up after installation", "RMA for {sku} serial {serial}"],
    description:
      "The {product} serial {serial} at {site} shows no link light and draws no power. Tried another port, another cable and an injector. Installed three weeks ago.",
    question: "Could you confirm the camera draws no current on the injector (its LED stays off) and send a photo of the label?",
    answer: "Confirmed: injector LED off with this camera, on with another. Photo of the label attached.",
    note: "Dead on arrival within warranty. Authorising the return.",
    solution:
      "Thank you for the tests: the unit is faulty. We authorised the return (see the RMA on this ticket); please ship it quoting the RMA number and we send a replacement on receipt.",
    effort: 0.5,
    weight: 5,
    serials: true,
    rma: "No power draw on PoE or on an injector: dead on arrival.",
  },
  {
    key: "nvr-power",
    skus: ["NV-32-8T", "NV-64R-16T", "NV-16P-4T"],
    category: "suspected_defect",
    severities: ["P1", "P2"],
    subjects: ["{sku} will not power on after a storm", "Recorder at {site} dead after power cut", "{sku} power supply failed"],
    description:
      "After a storm at {site} the {product} (serial {serial}) does not power on: no fans, no LEDs. The site's UPS shows a surge. No recording at the site now.",
    note: "Power supply failure. Disks should be fine: advise moving them to the replacement.",
    solution:
      "The power supply failed. We authorised a return; the replacement ships today. Move the disks to the replacement in the same bay order and the recordings and settings come with them. Meanwhile the cameras keep their SD card recording.",
    effort: 1,
    weight: 3,
    serials: true,
    rma: "Power supply failed after a storm surge: no fans, no LEDs.",
  },
  ...systemScenarios,
];
