import type { Scenario } from "./support-scenarios.js";

/** Scenarios on the VMS, access control, design questions and the rest of the catalog (cameras and recorders: support-scenarios.ts). */
export const systemScenarios: Scenario[] = [
  {
    key: "licence-activation",
    skus: ["VMS-PRO-BASE", "VMS-ENT-BASE", "VMS-PRO-1CH", "VMS-ENT-1CH"],
    category: "licensing",
    severities: ["P2", "P3"],
    subjects: [
      "Licence activation fails: key already in use",
      "VMS licence lost after server replacement",
      "Cannot activate {sku} on the new server",
    ],
    description:
      "We moved the customer's VMS at {site} to new server hardware. Activating licence {serial} fails with 'key already in use'. Version {fw}.",
    note: "Licence still bound to the old hardware id. Released it in the licence portal.",
    solution:
      "The licence was still bound to the old server's hardware id. We released it; activate again on the new server. Next time use Licences > Deactivate on the old server first and the key moves by itself.",
    effort: 0.5,
    weight: 6,
    serials: true,
  },
  {
    key: "offline-activation",
    skus: ["VMS-PRO-BASE", "VMS-ENT-BASE"],
    category: "licensing",
    severities: ["P2", "P3"],
    subjects: ["Offline activation rejected: activation file expired", "Air-gapped VMS server will not activate {sku}"],
    description:
      "The VMS server at {site} has no internet. We generated the offline activation file, but importing the response fails with 'activation file expired', twice. Version {fw}.",
    question: "What does the server's clock say compared with UTC?",
    answer: "It is 7 minutes ahead. The site has no time server.",
    note: "Offline activation rejects responses when the server clock is off by more than 5 min. Raised with engineering; linking the known problem.",
    solution:
      "Offline activation fails when the server clock is more than 5 minutes off. Set the clock to within a minute of UTC, generate a new request file and import the response within the hour.",
    knownProblem: "offline-activation",
    window: [2, 0],
    effort: 1,
    weight: 6,
    serials: true,
  },
  {
    key: "lpr-night",
    skus: ["LC-B3-8MP"],
    with: ["VMS-LPR-1CH"],
    category: "configuration",
    severities: ["P3"],
    subjects: ["LPR misreads plates at night", "Plate recognition below 70% after dark at {site}"],
    description:
      "The {product} (serial {serial}) at the {site} entrance reads 96% of plates by day and under 70% at night. Cars pass at about 25 km/h. Firmware {fw}.",
    question: "Please send two night snapshots with a car in frame and the camera's exposure settings.",
    answer: "Snapshots and settings attached: shutter auto, IR auto.",
    note: "Motion blur and plate overexposure: shutter auto goes to 1/60 at night.",
    solution:
      "At night the shutter drops to 1/60 s and plates blur. Use the LPR preset: shutter fixed at 1/1000 s, IR at 60%, and keep the angle to the lane under 30°. That brings night reads back above 95% on most sites.",
    effort: 0.8,
    weight: 4,
    serials: true,
  },
  {
    key: "osdp-reader",
    skus: ["AC-C2-DOOR", "AC-C8-DOOR"],
    with: ["AC-R10-MIF", "AC-R20-MOB"],
    category: "installation",
    severities: ["P3"],
    subjects: ["Reader not seen by {sku} over OSDP", "OSDP reader offline on door 2 at {site}"],
    description:
      "The {product} (serial {serial}) at {site} does not see the second reader over OSDP. The first door works. Wiring checked. Firmware {fw}.",
    note: "Both readers on OSDP address 0: the second needs address 1.",
    solution:
      "Both readers answer on OSDP address 0. Set the second reader to address 1 (hold the tamper switch for 10 s while powering up, or use the configuration card) and add it on the controller's bus 1.",
    effort: 0.5,
    weight: 4,
    serials: true,
  },
  {
    key: "door-video-link",
    skus: ["AC-C8-DOOR", "AC-C2-DOOR"],
    with: ["VMS-ENT-BASE"],
    category: "integration",
    severities: ["P3", "P4"],
    subjects: ["Door events not linked to cameras in the VMS", "Access control alarms without video at {site}"],
    description:
      "At {site} door-forced alarms from the {product} arrive in the VMS but show no video. The camera is assigned to the door in the controller. Version {fw}.",
    note: "Camera link has to be made in the VMS door configuration; the controller's field is only for its own web UI.",
    solution:
      "The video link is set in the VMS, not the controller: Configuration > Access control > Doors > (door) > Linked cameras. Add the camera there and alarms open with pre-alarm video.",
    effort: 0.8,
    weight: 3,
    serials: true,
    integration: true,
  },
  {
    key: "mobile-credentials",
    skus: ["AC-R20-MOB"],
    category: "configuration",
    severities: ["P3"],
    subjects: ["Mobile credentials fail on some Android phones", "Bluetooth unlock not working at {site}"],
    description: "At {site} staff with recent Android phones cannot open doors with the mobile app; iPhones and cards work. Reader firmware {fw}.",
    note: "Android 15 needs the 'nearby devices' permission; app 3.4 asks for it.",
    solution:
      "Android 15 needs the 'Nearby devices' permission for Bluetooth unlock. App version 3.4 asks for it at start; ask staff to update the app and allow the permission.",
    effort: 0.4,
    weight: 3,
    serials: true,
  },
  {
    key: "design-review",
    skus: ["NV-64R-16T", "NV-128R-E", "VMS-ENT-BASE"],
    category: "pre_sales_design",
    severities: ["P4"],
    subjects: [
      "Design review: {count} cameras across three buildings",
      "Pre-sales: recorder and VMS design for {site}",
      "Bid support: redundant recording for {site}",
    ],
    description:
      "We are bidding on {site}: {count} cameras over three buildings, 30 days retention, failover required. Could you review our design (attached) and confirm the recorder and licence counts?",
    note: "Design mostly fine; they under-sized storage and missed the failover licence.",
    solution:
      "We reviewed the design. Two changes: storage for 30 days at your bitrates needs about 20% more than planned (the sizing sheet is attached), and failover needs VMS Enterprise on both recording servers. With those the design meets the tender.",
    effort: 2.2,
    weight: 4,
    serials: false,
    integration: true,
  },
  {
    key: "storage-sizing",
    skus: ["NV-32-8T", "NV-16P-4T"],
    with: ["AX-HDD-8T"],
    category: "pre_sales_design",
    severities: ["P4"],
    subjects: ["Storage sizing for 30 days at 4K", "How many disks for {count} cameras and 60 days?"],
    description:
      "For {site}: {count} cameras, mostly 8 MP, continuous recording, 30 days. How many AX-HDD-8T do we need in the {product}, with RAID?",
    note: "Standard sizing question.",
    solution:
      "With H.265 smart codec at 8 MP you can plan about 40 GB per camera per day. For your cameras and 30 days that is the recorder's four bays with 8 TB disks in RAID 5. The sizing sheet in the library does the sum for other mixes.",
    effort: 0.6,
    weight: 4,
    serials: false,
  },
  {
    key: "fisheye-dewarp",
    skus: ["LC-F1-12MP"],
    category: "configuration",
    severities: ["P3", "P4"],
    subjects: ["Fisheye dewarping not shown in the web client", "{sku} shows only the round image"],
    description: "The {product} at {site} is ceiling-mounted. The web client shows only the circular image; the quad view is missing. Firmware {fw}.",
    note: "Mount type set to wall: dewarp modes depend on it.",
    solution:
      "The dewarp views depend on the mounting type. Set Image > Fisheye > Mount to Ceiling and the panorama and quad views appear, in the web client and in the VMS.",
    effort: 0.3,
    weight: 3,
    serials: true,
  },
  {
    key: "thermal-alarms",
    skus: ["LC-TH-384"],
    category: "configuration",
    severities: ["P3"],
    subjects: ["Thermal perimeter: false alarms from birds", "Too many alarms from {sku} along the fence"],
    description:
      "The {product} (serial {serial}) guards 180 m of fence at {site}. It raises 40 to 60 alarms a night, most of them birds and foxes. Firmware {fw}.",
    note: "Object size filter off; calibration never done.",
    solution:
      "Calibrate the scene (Analytics > Calibration: mark two people at the near and far end) and switch on the human/vehicle filter with a minimum size of 0.5 m. On comparable sites that brings nuisance alarms down by over 90%.",
    effort: 0.9,
    weight: 2,
    serials: true,
  },
  {
    key: "cloud-offline",
    skus: ["VMS-CLD-1Y", "VMS-CLD-3Y"],
    category: "configuration",
    severities: ["P2", "P3"],
    subjects: ["Cloud VMS: all cameras offline after router change", "Cameras at {site} not uploading to cloud VMS"],
    description:
      "Since the customer replaced the router at {site}, all cameras show offline in the cloud VMS. Local recording works. Subscription {serial}.",
    question: "Can you check whether outbound TCP 443 and 8883 are open to *.cloud.lumeris.example from the camera VLAN?",
    answer: "Port 8883 was blocked by the new router. Opened now.",
    note: "MQTT port blocked by the customer's new firewall.",
    solution:
      "The cameras need outbound TCP 443 and 8883 to the cloud service. With 8883 open they reconnect within a few minutes; they upload what they buffered locally.",
    effort: 0.5,
    weight: 4,
    serials: true,
  },
  {
    key: "legacy-boot-loop",
    skus: ["LC-D1-2MP", "LC-B1-2MP", "NV-4P-1T"],
    category: "suspected_defect",
    severities: ["P3"],
    subjects: ["First-generation camera stuck in a boot loop", "{sku} reboots endlessly after a power cut"],
    description:
      "An old {product} (serial {serial}) at {site} has been rebooting every 40 seconds since a power cut. Firmware {fw}. Is there a recovery image?",
    note: "Legacy model; recovery via TFTP image works on most units.",
    solution:
      "Use the TFTP recovery: put the recovery image on a TFTP server at 192.168.1.128 and power the unit up with the reset button held. If it still loops the flash is worn; the model is no longer sold, and we can offer the D2 series at the trade-in price.",
    firmware: ["2.8.4", "2.9.1"],
    effort: 0.6,
    weight: 2,
    serials: true,
  },
];
