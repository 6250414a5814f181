/**
 * The demo knowledge base: what the support desk wrote down so partners stop asking. Two articles
 * were made from a solved ticket (`fromScenario`: the newest solved ticket of that kind before the
 * article). Popularity drives views; solvedRate is the share of "this solved it" answers.
 */
export interface DemoArticle {
  title: string;
  summary: string;
  body: string;
  skus: string[];
  publishedDaysAgo: number;
  popularity: number;
  solvedRate: number;
  fromScenario?: string;
  /** Tier names; absent: every partner. */
  tiers?: string[];
}

export const demoArticles: DemoArticle[] = [
  {
    title: "NVR stops recording when a disk is nearly full (firmware 3.2.0 and 3.2.1)",
    summary: "Recording stops on every channel once a disk passes 90%: set a storage quota or upgrade to 3.2.3.",
    body: "## Problem\n\nOn NV-16P and NV-32 recorders with firmware 3.2.0 or 3.2.1, recording stops on every channel once a disk passes 90% used. The system log shows `rec: no free block, overwrite skipped`. A reboot brings recording back for a few hours.\n\n## Solution\n\n1. Upgrade to firmware **3.2.3** (Maintenance > Upgrade). Settings and recordings are kept.\n2. If you cannot upgrade today, set **Storage > Quota** to 85% on every disk: the overwrite then starts before the defect triggers.\n\n## Check\n\nAfter the change, Storage > Disk management shows the oldest recording date moving forward every hour.",
    skus: ["NV-16P-4T", "NV-32-8T"],
    publishedDaysAgo: 150,
    popularity: 4,
    solvedRate: 0.9,
    fromScenario: "nvr-overwrite",
  },
  {
    title: "IR glare on domes mounted under eaves",
    summary: "Why D2 domes wash out at night close under a soffit, and the mounting that fixes it.",
    body: "## Problem\n\nA D2 dome mounted close under an overhang shows a white haze at night. Its IR light reflects off the soffit into the bubble.\n\n## Solution\n\n- Mount the dome **at least 15 cm below** the overhang; the AX-WM-D2 wall mount gives the distance.\n- Switch **Smart IR** on (Image > Day/Night).\n- Tilt the lens at least 10° down so the bubble's edge is out of the picture.\n- Clean the bubble with the supplied cloth only: scratches scatter IR too.",
    skus: ["LC-D2-4MP", "LC-D2-8MP", "AX-WM-D2"],
    publishedDaysAgo: 200,
    popularity: 3,
    solvedRate: 0.8,
    fromScenario: "ir-glare",
  },
  {
    title: "Upgrading cameras from firmware older than 5.4.2",
    summary: "The signing key changed in 5.4.2: older cameras take the intermediate 5.4.8 release first.",
    body: "## Why the upgrade fails\n\nFirmware 5.4.2 introduced a new signing key. A camera on an older release rejects newer packages at about 63%.\n\n## Steps\n\n1. Install **5.4.8** first and let the camera reboot.\n2. Then install the current release.\n\nFor many cameras, use the recorder's batch upgrade (Cameras > Maintenance > Upgrade): it takes both steps by itself.",
    skus: ["LC-D2-4MP", "LC-D2-8MP", "LC-B3-4MP", "LC-T1-5MP"],
    publishedDaysAgo: 300,
    popularity: 5,
    solvedRate: 0.85,
  },
  {
    title: "Adding Lumeris cameras to a third-party VMS over ONVIF",
    summary: "ONVIF is off by default and has its own users: switch it on and create an ONVIF user.",
    body: "## Steps\n\n1. In the camera, open **Network > Integration > ONVIF** and switch it on.\n2. Add an ONVIF user: *media user* is enough for video, *operator* for PTZ and events.\n3. In the VMS, add the camera with that user.\n\n## Events\n\nFor motion and analytics events the VMS must support Profile T (or S with events). With Corvex VMS 7.x use camera firmware 5.6.0 or later.",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "LC-T1-5MP", "LC-P5-2MP"],
    publishedDaysAgo: 280,
    popularity: 4,
    solvedRate: 0.75,
  },
  {
    title: "RTSP stream paths for every camera",
    summary: "Main, sub and third stream paths, and the fisheye's dewarped views.",
    body: "| Stream | Path |\n|---|---|\n| Main | `rtsp://<ip>:554/stream1` |\n| Sub | `rtsp://<ip>:554/stream2` |\n| Third | `rtsp://<ip>:554/stream3` |\n| Fisheye dewarped views | `/dewarp1` to `/dewarp4` |\n\nBehind a firewall use camera firmware 5.5.2 or later: 5.5.0 drops long TCP sessions.",
    skus: ["LC-D2-4MP", "LC-B3-4MP", "LC-F1-12MP", "LC-TH-384"],
    publishedDaysAgo: 330,
    popularity: 3,
    solvedRate: 0.9,
  },
  {
    title: "Planning the PoE budget for cameras with IR and PTZs",
    summary: "Cameras draw up to 40% more at night; P5 PTZs need 802.3bt or their injector.",
    body: "## Rules of thumb\n\n- Plan each camera at its **night** draw (IR on), from the data sheet.\n- Keep 20% of the switch budget free.\n- P5 PTZs draw up to 52 W with IR, heater and wiper: use an 802.3bt port, the 60 W injector or 24 V AC. 802.3at is not enough.\n\n## Example\n\nAn AX-SW-8POE (120 W) runs six D2-4MP and one B3-4MP at night with room to spare; it cannot run a P5 PTZ.",
    skus: ["AX-SW-8POE", "AX-SW-24POE", "LC-P5-4MP", "LC-P5-2MP"],
    publishedDaysAgo: 240,
    popularity: 3,
    solvedRate: 0.7,
  },
  {
    title: "Moving a VMS licence to new server hardware",
    summary: "Deactivate on the old server first; if it is gone, support releases the binding.",
    body: "## When the old server still runs\n\nLicences > Deactivate, then activate on the new server with the same key.\n\n## When the old server is gone\n\nOpen a ticket with the licence key: we release the binding the same day.\n\n## Offline servers\n\nKeep the server clock within a minute of UTC before creating the request file.",
    skus: ["VMS-PRO-BASE", "VMS-ENT-BASE"],
    publishedDaysAgo: 260,
    popularity: 3,
    solvedRate: 0.8,
  },
  {
    title: "Night-time LPR: settings that read plates after dark",
    summary: "Fix the shutter at 1/1000 s, set IR to 60% and keep the angle under 30°.",
    body: "## Settings\n\n- Shutter fixed at **1/1000 s** (1/2000 s above 40 km/h).\n- IR at 60%: plates overexpose at 100%.\n- WDR off for the plate region.\n\n## Placement\n\nKeep the angle to the lane under 30° horizontally and 30° vertically, with a plate 130 to 250 pixels wide.",
    skus: ["LC-B3-8MP", "VMS-LPR-1CH"],
    publishedDaysAgo: 120,
    popularity: 2,
    solvedRate: 0.8,
  },
  {
    title: "Storage sizing for continuous 4K recording",
    summary: "About 40 GB per 8 MP camera per day with H.265 smart codec; how to size the disks.",
    body: "## Sizing\n\n| Camera | Codec | Per day |\n|---|---|---|\n| 4 MP | H.265 smart | 20 GB |\n| 8 MP | H.265 smart | 40 GB |\n| 8 MP | H.264 | 150 GB |\n\nMultiply by cameras and days, add 10% headroom and the RAID overhead. The sizing sheet in the library does the sum.",
    skus: ["NV-32-8T", "NV-64R-16T", "AX-HDD-8T"],
    publishedDaysAgo: 180,
    popularity: 3,
    solvedRate: 0.85,
  },
  {
    title: "Designing failover recording with VMS Enterprise",
    summary: "For Platinum and Gold partners: failover servers, licences and the network they need.",
    body: "## Design\n\n- Failover needs **VMS Enterprise** on every recording server and on the failover server.\n- One failover server covers up to eight recording servers.\n- Plan 1 Gbit/s between recording and failover servers per 300 cameras.\n\nSend your design through a pre-sales ticket: we review it within two business days.",
    skus: ["VMS-ENT-BASE", "NV-64R-16T", "NV-128R-E"],
    publishedDaysAgo: 90,
    popularity: 2,
    solvedRate: 0.75,
    tiers: ["Platinum", "Gold"],
  },
];
