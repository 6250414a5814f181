import { PDFDocument, type PDFFont, type PDFPage, type RGB, rgb, StandardFonts } from "pdf-lib";
import type { FlagRule } from "../../db/types.js";
import { winAnsiSanitizer } from "../library/pdf-stamp.js";
import { currencyDigits, minorToDecimal } from "./costs.service.js";
import type { HealthComponentName, ResourceCategory } from "./scorecard.types.js";
import type { PartnerScorecard } from "./scorecards.service.js";

/** One side of the joint business plan: items done of all, and the mean progress (0..1, null: none measurable). */
export interface PlanSide {
  done: number;
  total: number;
  progress: number | null;
}

export interface ReviewDecision {
  kind: string;
  reason: string;
  reviewOn: string | null;
  actions: { side: string; title: string; owner: string; dueOn: string; status: string }[];
}

export interface PartnerReviewInput {
  card: PartnerScorecard;
  generatedAt: string;
  vendorName: string;
  /** null: the partner has no plan for the year. */
  plan?: { year?: number; vendor: PlanSide; partner: PlanSide } | null;
  /** undefined: not for this reader (the section is left out); null: no open decision. */
  decision?: ReviewDecision | null;
}

// A4 portrait. Every section has a fixed place and lists are cut to the room they have ("+ n more"),
// so the review is always exactly one page, whatever the partner's name or the number of flags.
const PAGE = { width: 595.28, height: 841.89 };
const M = 36;
const WIDTH = PAGE.width - 2 * M;
const TOP = PAGE.height;
const TEXT = rgb(0.15, 0.17, 0.2);
const MUTED = rgb(0.45, 0.47, 0.5);
const RULE = rgb(0.8, 0.81, 0.83);
const BAND = rgb(0.09, 0.32, 0.47);
const BAR_PERIOD = rgb(0.09, 0.32, 0.47);
const BAR_EARLIER = rgb(0.55, 0.69, 0.78);
const NEG_PERIOD = rgb(0.72, 0.2, 0.18);
const NEG_EARLIER = rgb(0.9, 0.6, 0.58);
const WHITE = rgb(1, 1, 1);
// The sanitiser folds runs of spaces, so parts of a line are set apart by a middle dot (in WinAnsi).
const SEP = " \u00b7 ";

const resourceLabels: Record<ResourceCategory, string> = {
  support: "Support",
  incentives: "Incentives",
  training: "Training",
  marketing_funds: "Marketing funds",
  channel_manager: "Channel manager",
  other: "Other",
};
const componentLabels: Record<HealthComponentName, string> = {
  return_on_resources: "Return on resources",
  growth: "Growth",
  engagement: "Engagement",
  certification: "Certification",
  support_within_allowance: "Support within allowance",
};
const flagLabels: Record<FlagRule, string> = {
  net_negative: "Net contribution below zero",
  health_low: "Health below the threshold",
  support_over_allowance: "Support over the tier's allowance",
};
const kindLabels: Record<string, string> = { fix: "Fix", watch: "Watch", cut: "Cut" };

/** "EUR -1,234.50": exact from minor units, grouped, with the currency's own number of decimals. */
export function formatMoney(minor: number, currency: string): string {
  const [whole = "0", fraction] = minorToDecimal(minor, currencyDigits(currency)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

const percent = (ratio: number) => `${(Math.round(ratio * 1000) / 10).toString()} %`;
const signedPercent = (ratio: number) => `${ratio > 0 ? "+" : ""}${percent(ratio)}`;
const dateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
};

/** The first `slots` items, or slots - 1 and a count of the rest, so the list never takes more lines than it has. */
export function capped<T>(items: readonly T[], slots: number): { shown: T[]; more: number } {
  if (slots <= 0) return { shown: [], more: items.length };
  if (items.length <= slots) return { shown: [...items], more: 0 };
  return { shown: items.slice(0, slots - 1), more: items.length - (slots - 1) };
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}...`, size) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}...`;
}

/** Words over at most `maxLines` lines of `width`; the last line ends in "..." when text is left over. */
function wrap(text: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  const words = text.split(" ").filter((w) => w !== "");
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : (words[i] as string);
    if (font.widthOfTextAtSize(next, size) <= width || !line) {
      line = next;
      continue;
    }
    if (lines.length === maxLines - 1) return [...lines, fit(`${line} ${words.slice(i).join(" ")}`, font, size, width - 1)];
    lines.push(line);
    line = words[i] as string;
  }
  if (line) lines.push(fit(line, font, size, width));
  return lines.slice(0, maxLines);
}

interface Pen {
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
  /** Text made printable in WinAnsi (other characters become "?"). */
  safe: (text: string) => string;
}

type Style = { size?: number; bold?: boolean; color?: RGB; width?: number; align?: "left" | "right" | "center" };

function write(pen: Pen, text: string, x: number, y: number, style: Style = {}): void {
  const size = style.size ?? 8.5;
  const font = style.bold ? pen.bold : pen.regular;
  const printable = fit(pen.safe(text), font, size, style.width ?? WIDTH);
  const textWidth = font.widthOfTextAtSize(printable, size);
  const left = style.align === "right" ? x - textWidth : style.align === "center" ? x - textWidth / 2 : x;
  pen.page.drawText(printable, { x: left, y, size, font, color: style.color ?? TEXT });
}

function heading(pen: Pen, text: string, x: number, y: number, width: number): void {
  write(pen, text, x, y, { size: 10, bold: true, width });
  pen.page.drawLine({ start: { x, y: y - 4 }, end: { x: x + width, y: y - 4 }, thickness: 0.5, color: RULE });
}

/**
 * A partner's one-page quarterly business review: who and when, the key figures against the prior
 * period, resources by category, the health score with its components, 24 months of net
 * contribution as bars, open flags, the open decision with its actions, and the joint business
 * plan's fulfilment on both sides. Real text, standard fonts, one A4 page.
 */
export async function renderPartnerReviewPdf(input: PartnerReviewInput): Promise<Uint8Array> {
  const { card } = input;
  const { scorecard } = card;
  const { period, prior } = scorecard;
  const currency = scorecard.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const pen: Pen = { page, regular, bold, safe: winAnsiSanitizer(regular) };

  // Header band and who/when.
  page.drawRectangle({ x: 0, y: TOP - 50, width: PAGE.width, height: 50, color: BAND });
  write(pen, "Partner review", M, TOP - 31, { size: 15, bold: true, color: WHITE });
  write(pen, input.vendorName, PAGE.width - M, TOP - 30, { size: 9, color: WHITE, align: "right", width: WIDTH / 2 });
  write(pen, card.partner.name, M, TOP - 78, { size: 17, bold: true });
  const months = period.fromMonth === period.toMonth ? period.toMonth : `${period.fromMonth} to ${period.toMonth}`;
  write(
    pen,
    [
      `Tier: ${card.partner.tierName ?? "none"}`,
      `Status: ${card.partner.status}`,
      `Channel manager: ${card.partner.channelManagerName ?? "none"}`,
    ].join(SEP),
    M,
    TOP - 93,
    { color: MUTED },
  );
  const tierNote =
    scorecard.tierChanges.length > 0 ? `${SEP}Tier changed during the period (${scorecard.tierChanges.length} month(s) in another tier)` : "";
  write(pen, `Period: ${months} (prior: ${prior.fromMonth} to ${prior.toMonth})${tierNote}`, M, TOP - 105, { color: MUTED });
  const refreshed = card.refreshedAt ? `${SEP}Figures refreshed ${dateTime(card.refreshedAt)}` : "";
  write(pen, `Generated ${dateTime(input.generatedAt)}${refreshed}${SEP}Amounts in ${currency}`, M, TOP - 117, { color: MUTED });

  // Key figures: two rows of three, each with the prior period beneath.
  heading(pen, "Key figures", M, TOP - 140, WIDTH);
  const growthText = scorecard.revenueGrowth === null ? "n/a" : signedPercent(scorecard.revenueGrowth);
  const ror = (value: number | null) => (value === null ? "n/a (no resources)" : `${value.toFixed(2)}x`);
  const boxes: [string, string, string][] = [
    ["Revenue", money(period.revenueMinor), `prior ${money(prior.revenueMinor)}`],
    ["Margin", money(period.marginMinor), `prior ${money(prior.marginMinor)}`],
    ["Resources", money(period.resourcesMinor), `prior ${money(prior.resourcesMinor)}`],
    ["Net contribution", money(period.netContributionMinor), `prior ${money(prior.netContributionMinor)}`],
    ["Return on resources", ror(period.returnOnResources), `prior ${ror(prior.returnOnResources)}`],
    ["Revenue growth", growthText, scorecard.marginGrowth === null ? "margin growth n/a" : `margin growth ${signedPercent(scorecard.marginGrowth)}`],
  ];
  const boxWidth = WIDTH / 3;
  boxes.forEach(([label, value, sub], index) => {
    const x = M + (index % 3) * boxWidth;
    const y = TOP - 158 - Math.floor(index / 3) * 44;
    write(pen, label, x, y, { size: 8, color: MUTED, width: boxWidth - 8 });
    write(pen, value, x, y - 15, { size: 13, bold: true, width: boxWidth - 8 });
    write(pen, sub, x, y - 26, { size: 7.5, color: MUTED, width: boxWidth - 8 });
  });

  drawResources(pen, card, money, TOP - 262);
  drawHealth(pen, card, TOP - 262);
  drawTrend(pen, card, money, TOP - 436);
  const lowerTop = TOP - 606;
  drawFlagsAndPlan(pen, card, input, lowerTop);
  if (input.decision !== undefined) drawDecision(pen, input.decision, lowerTop);

  const unmeasured = card.sources.filter((s) => !s.measured).map((s) => s.source.replace("_", " "));
  const footer =
    unmeasured.length > 0
      ? `Not measured (no data from these sources yet, never counted as zero): ${unmeasured.join(", ")}.`
      : "Every source of the scorecard is measured.";
  page.drawLine({ start: { x: M, y: M + 6 }, end: { x: PAGE.width - M, y: M + 6 }, thickness: 0.5, color: RULE });
  write(pen, footer, M, M - 4, { size: 7, color: MUTED, width: WIDTH - 60 });
  write(pen, "Trellis", PAGE.width - M, M - 4, { size: 7, color: MUTED, align: "right" });

  doc.setTitle(`Partner review: ${pen.safe(card.partner.name)}, ${months}`);
  doc.setProducer("Trellis");
  doc.setCreator("Trellis");
  return doc.save();
}

const COLUMN = (WIDTH - 24) / 2;
const RIGHT_X = M + COLUMN + 24;

function drawResources(pen: Pen, card: PartnerScorecard, money: (minor: number) => string, top: number): void {
  const { period } = card.scorecard;
  heading(pen, "Resources by category", M, top, COLUMN);
  let y = top - 18;
  for (const line of period.resources) {
    write(pen, resourceLabels[line.category], M, y, { width: COLUMN / 2 });
    const amount = line.amountMinor === null ? "not measured" : money(line.amountMinor);
    write(pen, amount, M + COLUMN, y, { align: "right", color: line.amountMinor === null ? MUTED : TEXT, width: COLUMN / 2 });
    y -= 12;
  }
  pen.page.drawLine({ start: { x: M, y: y + 8 }, end: { x: M + COLUMN, y: y + 8 }, thickness: 0.5, color: RULE });
  write(pen, "Total measured", M, y - 2, { bold: true });
  write(pen, money(period.resourcesMinor), M + COLUMN, y - 2, { bold: true, align: "right", width: COLUMN / 2 });
  y -= 22;
  const against = period.supportMinutesAgainstAllowance;
  const allowance =
    period.supportAllowanceMinutes === null ? "" : `${SEP}${against ?? "not measured"} of an allowance of ${period.supportAllowanceMinutes} min`;
  const support = period.supportMinutes === null ? "Support time: not measured" : `Support time: ${period.supportMinutes} min${allowance}`;
  const engagement = period.engagement;
  const facts = [
    support,
    `Channel manager time: ${(period.channelManagerHoursHundredths / 100).toFixed(2)} h`,
    `Active users: ${engagement.activeUsers ?? "not measured"}${SEP}Certified staff: ${engagement.certifiedStaff ?? "not measured"}`,
  ];
  for (const fact of facts) {
    write(pen, fact, M, y, { size: 7.5, color: MUTED, width: COLUMN });
    y -= 10;
  }
}

function drawHealth(pen: Pen, card: PartnerScorecard, top: number): void {
  const { health } = card.scorecard;
  heading(pen, `Health: ${health.score === null ? "not measured" : `${health.score} / 100`}`, RIGHT_X, top, COLUMN);
  const standing =
    card.percentile === null
      ? "No scored peers in the tier to compare with"
      : `${ordinal(Math.round(card.percentile))} percentile among ${card.peers} peer(s) in the tier`;
  write(pen, standing, RIGHT_X, top - 16, { size: 7.5, color: MUTED, width: COLUMN });
  let y = top - 30;
  for (const component of health.components) {
    write(pen, componentLabels[component.name], RIGHT_X, y, { bold: true, width: COLUMN * 0.45 });
    const score = component.score === null ? "not measured" : `${Math.round(component.score * 100)} / 100`;
    const weight =
      component.score === null ? `weight ${component.weight}, not applied` : `weight ${component.weight} = ${component.appliedWeightPercent} %`;
    write(pen, score, RIGHT_X + COLUMN * 0.62, y, { align: "right", width: COLUMN * 0.17, color: component.score === null ? MUTED : TEXT });
    write(pen, weight, RIGHT_X + COLUMN, y, { size: 7.5, align: "right", color: MUTED, width: COLUMN * 0.36 });
    write(pen, component.basis, RIGHT_X + 6, y - 10, { size: 7, color: MUTED, width: COLUMN - 6 });
    y -= 24;
  }
}

/** Bars of net contribution per month, the period's months darker, below-zero months red, with the zero line. */
function drawTrend(pen: Pen, card: PartnerScorecard, money: (minor: number) => string, top: number): void {
  const points = card.trend;
  heading(pen, `Net contribution by month (last ${points.length} months)`, M, top, WIDTH);
  const { fromMonth, toMonth } = card.scorecard.period;
  const labelWidth = 78;
  const chart = { x: M + labelWidth, width: WIDTH - labelWidth, top: top - 16, height: 104 };
  const values = points.map((p) => p.netContributionMinor);
  const high = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const span = high - low || 1;
  const zeroY = chart.top - chart.height + ((0 - low) / span) * chart.height;
  const slot = points.length > 0 ? chart.width / points.length : chart.width;
  write(pen, money(high), chart.x - 6, chart.top - 6, { size: 6.5, color: MUTED, align: "right", width: labelWidth - 8 });
  if (low < 0) write(pen, money(low), chart.x - 6, chart.top - chart.height, { size: 6.5, color: MUTED, align: "right", width: labelWidth - 8 });
  write(pen, "0", chart.x - 6, zeroY - 2, { size: 6.5, color: MUTED, align: "right" });
  points.forEach((point, index) => {
    const value = point.netContributionMinor;
    const inPeriod = point.month >= fromMonth && point.month <= toMonth;
    const height = (Math.abs(value) / span) * chart.height;
    const x = chart.x + index * slot + slot * 0.15;
    if (height > 0) {
      pen.page.drawRectangle({
        x,
        y: value >= 0 ? zeroY : zeroY - height,
        width: slot * 0.7,
        height,
        color: value >= 0 ? (inPeriod ? BAR_PERIOD : BAR_EARLIER) : inPeriod ? NEG_PERIOD : NEG_EARLIER,
      });
    }
    // Every third month, centred under its bar; the last one ends at the chart's edge.
    const last = index === points.length - 1;
    if (index % 3 === 0 || last) {
      const labelX = last ? chart.x + chart.width : x + slot * 0.35;
      write(pen, point.month, labelX, chart.top - chart.height - 10, { size: 6, color: MUTED, width: slot * 3, align: last ? "right" : "center" });
    }
  });
  pen.page.drawLine({ start: { x: chart.x, y: zeroY }, end: { x: chart.x + chart.width, y: zeroY }, thickness: 0.6, color: MUTED });
  write(pen, "Darker bars: the months of this period. Red: below zero.", M, chart.top - chart.height - 22, { size: 6.5, color: MUTED });
}

function drawFlagsAndPlan(pen: Pen, card: PartnerScorecard, input: PartnerReviewInput, top: number): void {
  const open = card.flags.filter((flag) => flag.status === "open");
  heading(pen, `Open flags (${open.length})`, M, top, COLUMN);
  let y = top - 18;
  if (open.length === 0) {
    write(pen, "None.", M, y, { color: MUTED });
    y -= 12;
  }
  // Six lines for flags at most, so the plan below always has its place.
  const flags = capped(open, 6);
  for (const flag of flags.shown) {
    write(pen, `${flagLabels[flag.rule] ?? flag.rule} (since ${flag.raisedOn})`, M, y, { width: COLUMN });
    y -= 12;
  }
  if (flags.more > 0) {
    write(pen, `+ ${flags.more} more`, M, y, { color: MUTED });
    y -= 12;
  }
  y -= 10;
  const year = input.plan?.year ?? Number(card.scorecard.period.toMonth.slice(0, 4));
  heading(pen, `Joint business plan ${year}`, M, y, COLUMN);
  y -= 18;
  if (!input.plan) {
    write(pen, `No joint business plan for ${year}.`, M, y, { color: MUTED });
    return;
  }
  for (const [label, side] of [
    ["Vendor", input.plan.vendor],
    ["Partner", input.plan.partner],
  ] as const) {
    const progress = side.progress === null ? "progress not measured" : `average progress ${percent(side.progress)}`;
    write(pen, `${label}: ${side.done} of ${side.total} item(s) done, ${progress}`, M, y, { width: COLUMN });
    y -= 12;
  }
}

function drawDecision(pen: Pen, decision: ReviewDecision | null, top: number): void {
  if (!decision) {
    heading(pen, "Decision", RIGHT_X, top, COLUMN);
    write(pen, "No open decision.", RIGHT_X, top - 18, { color: MUTED });
    return;
  }
  const review = decision.reviewOn ? `, review on ${decision.reviewOn}` : "";
  heading(pen, `Decision: ${kindLabels[decision.kind] ?? decision.kind}${review}`, RIGHT_X, top, COLUMN);
  let y = top - 18;
  for (const line of wrap(pen.safe(decision.reason), pen.regular, 8, COLUMN, 3)) {
    write(pen, line, RIGHT_X, y, { size: 8, width: COLUMN });
    y -= 10;
  }
  y -= 6;
  write(pen, `Actions (${decision.actions.length})`, RIGHT_X, y, { bold: true });
  y -= 12;
  // The lower section runs down to the footer: what fits at 2 lines an action.
  const slots = Math.max(1, Math.floor((y - (M + 16)) / 20));
  const actions = capped(decision.actions, slots);
  for (const action of actions.shown) {
    write(pen, `[${action.status}] ${action.title}`, RIGHT_X, y, { width: COLUMN });
    write(pen, `${action.side === "vendor" ? "Vendor" : "Partner"}: ${action.owner}, due ${action.dueOn}`, RIGHT_X + 8, y - 9, {
      size: 7,
      color: MUTED,
      width: COLUMN - 8,
    });
    y -= 20;
  }
  if (actions.more > 0) write(pen, `+ ${actions.more} more`, RIGHT_X, y, { color: MUTED });
}
