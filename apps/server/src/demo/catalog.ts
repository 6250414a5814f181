/** The demo vendor's catalog: a video-surveillance maker's families and products. */
export interface DemoProduct {
  sku: string;
  name: string;
  description: string;
  priceMinor: number;
  lifecycle: "active" | "end_of_sale" | "end_of_life";
}

export interface DemoFamily {
  name: string;
  description: string;
  serialPattern: string;
  products: DemoProduct[];
}

const p = (sku: string, name: string, priceMinor: number, description: string, lifecycle: DemoProduct["lifecycle"] = "active"): DemoProduct => ({
  sku,
  name,
  priceMinor,
  description,
  lifecycle,
});

export const demoFamilies: DemoFamily[] = [
  {
    name: "IP cameras",
    description: "Fixed dome, bullet, turret, PTZ, fisheye and thermal network cameras.",
    serialPattern: "LC[0-9]{2}[A-Z]-[0-9]{7}",
    products: [
      p("LC-D2-4MP", "Dome 4 MP IR, 2.8 mm", 21900, "Indoor/outdoor vandal-resistant dome, 30 m IR, H.265, PoE."),
      p("LC-D2-8MP", "Dome 8 MP IR, motorised 2.8-12 mm", 44900, "4K dome with remote zoom and focus, WDR 120 dB."),
      p("LC-B3-4MP", "Bullet 4 MP IR, 4 mm", 23900, "Outdoor bullet, IP67, 40 m IR, analytics edge licence included."),
      p("LC-B3-8MP", "Bullet 8 MP LPR, 8-32 mm", 79900, "Licence-plate recognition bullet with IR cut for night plates."),
      p("LC-T1-5MP", "Turret 5 MP colour night", 27900, "Full-colour imaging to 0.002 lux with warm light."),
      p("LC-P5-2MP", "PTZ 2 MP 32x", 189900, "Outdoor PTZ, 32x optical zoom, 200 m IR, auto-tracking."),
      p("LC-P5-4MP", "PTZ 4 MP 45x", 259900, "City-surveillance PTZ with wiper and 250 m laser IR."),
      p("LC-F1-12MP", "Fisheye 12 MP 360°", 69900, "Panoramic fisheye with on-board dewarping."),
      p("LC-TH-384", "Thermal bullet 384×288", 349900, "Perimeter thermal camera with temperature alarms."),
      p("LC-D1-2MP", "Dome 2 MP (first generation)", 14900, "Replaced by the D2 series.", "end_of_sale"),
      p("LC-B1-2MP", "Bullet 2 MP (first generation)", 15900, "Replaced by the B3 series.", "end_of_life"),
    ],
  },
  {
    name: "Network video recorders",
    description: "Embedded NVRs with PoE ports and RAID options.",
    serialPattern: "NV[0-9]{3}-[0-9]{8}",
    products: [
      p("NV-8P-2T", "NVR 8 channel PoE, 2 TB", 49900, "8 PoE ports, 80 Mbps in, 1 HDD bay."),
      p("NV-16P-4T", "NVR 16 channel PoE, 4 TB", 99900, "16 PoE ports, 160 Mbps in, 2 HDD bays."),
      p("NV-32-8T", "NVR 32 channel, 8 TB", 179900, "32 channels, 320 Mbps in, 4 HDD bays, RAID 5."),
      p("NV-64R-16T", "NVR 64 channel rack, 16 TB", 389900, "64 channels, 8 bays, RAID 6, redundant PSU."),
      p("NV-128R-E", "Enterprise recorder 128 channel", 749900, "128 channels, 16 bays, hot-swap, dual 10 GbE."),
      p("NV-4P-1T", "NVR 4 channel PoE, 1 TB (legacy)", 29900, "Replaced by NV-8P-2T.", "end_of_sale"),
    ],
  },
  {
    name: "Video management software",
    description: "Licences for the Lumeris VMS: per camera, per site, and cloud.",
    serialPattern: "VMS-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
    products: [
      p("VMS-PRO-1CH", "VMS Professional, 1 camera", 9900, "Perpetual camera licence, one year of updates."),
      p("VMS-PRO-BASE", "VMS Professional base licence", 39900, "Server licence, includes 4 camera channels."),
      p("VMS-ENT-1CH", "VMS Enterprise, 1 camera", 17900, "Failover, federation and video wall support."),
      p("VMS-ENT-BASE", "VMS Enterprise base licence", 199900, "Enterprise server licence, unlimited clients."),
      p("VMS-CLD-1Y", "Cloud VMS, 1 camera, 1 year", 6900, "Hosted recording, 30 days retention."),
      p("VMS-CLD-3Y", "Cloud VMS, 1 camera, 3 years", 17900, "Hosted recording, 30 days retention."),
      p("VMS-LPR-1CH", "LPR analytics, 1 lane", 49900, "Licence-plate analytics per lane."),
      p("VMS-SUP-1Y", "Software upgrade plan, 1 year", 2900, "Per camera channel; version upgrades."),
    ],
  },
  {
    name: "Access control",
    description: "Readers, controllers and credentials that integrate with the VMS.",
    serialPattern: "AC[0-9]{2}-[0-9]{6}",
    products: [
      p("AC-R10-MIF", "Card reader, MIFARE DESFire", 12900, "Wall-mount OSDP reader, IP65."),
      p("AC-R20-MOB", "Mobile and card reader", 19900, "Bluetooth and NFC mobile credentials plus cards."),
      p("AC-R30-BIO", "Fingerprint and card reader", 39900, "Biometric reader with liveness detection."),
      p("AC-C2-DOOR", "Two-door controller", 44900, "PoE+ controller for two doors, OSDP and Wiegand."),
      p("AC-C8-DOOR", "Eight-door controller", 129900, "Rack controller for eight doors."),
      p("AC-CRD-100", "DESFire cards, pack of 100", 29900, "Printable ISO cards."),
      p("AC-KP-PIN", "Keypad reader (legacy)", 9900, "Replaced by AC-R20-MOB.", "end_of_life"),
    ],
  },
  {
    name: "Accessories",
    description: "Mounts, housings, PoE switches and storage for installations.",
    serialPattern: "AX[0-9]{8}",
    products: [
      p("AX-WM-D2", "Wall mount for D2 domes", 2900, "Aluminium wall bracket with junction box."),
      p("AX-PM-PTZ", "Pole mount for PTZ", 5900, "Stainless steel pole adapter, 80-130 mm poles."),
      p("AX-CM-B3", "Corner mount for bullets", 3900, "Corner adapter for B3 bullets."),
      p("AX-SW-8POE", "PoE switch 8 port, 120 W", 24900, "Managed PoE+ switch with 2 SFP uplinks."),
      p("AX-SW-24POE", "PoE switch 24 port, 370 W", 79900, "Managed PoE+ switch with 4 SFP+ uplinks."),
      p("AX-HDD-8T", "Surveillance HDD 8 TB", 21900, "24/7-rated surveillance drive."),
      p("AX-IR-100", "IR illuminator 100 m", 18900, "850 nm illuminator for long-range scenes."),
      p("AX-JB-T1", "Junction box for turrets", 1900, "Weatherproof junction box."),
    ],
  },
];
