import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { winAnsiSanitizer } from "../library/pdf-stamp.js";

/** One ledger transaction as the rep reads it: what changed in each account, and the balances after. */
export interface StatementMovement {
  at: string;
  description: string;
  availableChange: number;
  reservedChange: number;
  availableAfter: number;
  reservedAfter: number;
}

export interface StatementDocument {
  repName: string;
  partnerName: string;
  generatedAt: string;
  available: number;
  reserved: number;
  lifetimeEarned: number;
  /** Oldest first. */
  movements: StatementMovement[];
  /** Older movements were left out of a very long history (the CSV statement has them all). */
  truncated: boolean;
}

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape: room for the movement's words
const MARGIN = 40;
const ROW = 14;
const TEXT = rgb(0.15, 0.17, 0.2);
const MUTED = rgb(0.45, 0.47, 0.5);
const RULE = rgb(0.8, 0.81, 0.83);
const BAND = rgb(0.09, 0.32, 0.47);

// x positions; numbers are right-aligned to the end of their column.
const columns = { date: MARGIN, movement: MARGIN + 92, availableChange: 600, reservedChange: 665, available: 735, reserved: PAGE.width - MARGIN };

const points = (value: number) => value.toLocaleString("en-US");
const signed = (value: number) => (value === 0 ? "" : value > 0 ? `+${points(value)}` : `-${points(-value)}`);
const dateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}...`, size) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}...`;
}

/**
 * A rep's points statement as PDF: the balances now, then every movement oldest first with the
 * change to available and reserved points and both running balances. Real text (searchable,
 * copyable), standard fonts; characters outside WinAnsi print as "?".
 */
export async function renderStatementPdf(statement: StatementDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const safe = winAnsiSanitizer(regular);
  const safeBold = winAnsiSanitizer(bold);
  const pages: PDFPage[] = [];

  const right = (page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number) =>
    page.drawText(text, { x: x - font.widthOfTextAtSize(text, size), y, size, font, color: TEXT });

  const tableHeader = (page: PDFPage, y: number) => {
    page.drawText("Date (UTC)", { x: columns.date, y, size: 8, font: bold, color: MUTED });
    page.drawText("Movement", { x: columns.movement, y, size: 8, font: bold, color: MUTED });
    for (const [label, x] of [
      ["Available", columns.availableChange],
      ["Reserved", columns.reservedChange],
      ["Available bal.", columns.available],
      ["Reserved bal.", columns.reserved],
    ] as const) {
      page.drawText(label, { x: x - bold.widthOfTextAtSize(label, 8), y, size: 8, font: bold, color: MUTED });
    }
    page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: PAGE.width - MARGIN, y: y - 4 }, thickness: 0.5, color: RULE });
    return y - ROW - 2;
  };

  const newPage = (first: boolean) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    page.drawRectangle({ x: 0, y: PAGE.height - 46, width: PAGE.width, height: 46, color: BAND });
    page.drawText("Points statement", { x: MARGIN, y: PAGE.height - 29, size: 14, font: bold, color: rgb(1, 1, 1) });
    const who = fit(safe(`${statement.repName}, ${statement.partnerName}`), regular, 10, PAGE.width / 2 - MARGIN);
    page.drawText(who, {
      x: PAGE.width - MARGIN - regular.widthOfTextAtSize(who, 10),
      y: PAGE.height - 28,
      size: 10,
      font: regular,
      color: rgb(1, 1, 1),
    });
    let y = PAGE.height - 70;
    if (first) {
      page.drawText(safeBold(statement.repName), { x: MARGIN, y, size: 16, font: bold, color: TEXT });
      y -= 18;
      page.drawText(safe(`${statement.partnerName} - generated ${dateTime(statement.generatedAt)} UTC`), {
        x: MARGIN,
        y,
        size: 9,
        font: regular,
        color: MUTED,
      });
      y -= 26;
      const boxes: [string, number][] = [
        ["Available", statement.available],
        ["Reserved", statement.reserved],
        ["Earned ever", statement.lifetimeEarned],
      ];
      boxes.forEach(([label, value], index) => {
        const x = MARGIN + index * 170;
        page.drawText(label, { x, y, size: 9, font: regular, color: MUTED });
        page.drawText(`${points(value)} points`, { x, y: y - 16, size: 13, font: bold, color: TEXT });
      });
      y -= 44;
      if (statement.truncated) {
        page.drawText("Older movements are not shown; the CSV statement lists them all.", {
          x: MARGIN,
          y,
          size: 8,
          font: regular,
          color: MUTED,
        });
        y -= ROW;
      }
      if (statement.movements.length === 0) {
        page.drawText("No movements yet.", { x: MARGIN, y: y - 4, size: 10, font: regular, color: TEXT });
        return { page, y: y - ROW };
      }
    }
    return { page, y: tableHeader(page, y) };
  };

  let { page, y } = newPage(true);
  for (const movement of statement.movements) {
    if (y < MARGIN + 24) ({ page, y } = newPage(false));
    page.drawText(dateTime(movement.at), { x: columns.date, y, size: 8, font: regular, color: TEXT });
    page.drawText(fit(safe(movement.description), regular, 8, columns.availableChange - 50 - columns.movement), {
      x: columns.movement,
      y,
      size: 8,
      font: regular,
      color: TEXT,
    });
    right(page, signed(movement.availableChange), columns.availableChange, y, regular, 8);
    right(page, signed(movement.reservedChange), columns.reservedChange, y, regular, 8);
    right(page, points(movement.availableAfter), columns.available, y, bold, 8);
    right(page, points(movement.reservedAfter), columns.reserved, y, regular, 8);
    y -= ROW;
  }

  pages.forEach((each, index) => {
    const footer = `Page ${index + 1} of ${pages.length}`;
    each.drawText(footer, { x: (PAGE.width - regular.widthOfTextAtSize(footer, 8)) / 2, y: MARGIN - 16, size: 8, font: regular, color: MUTED });
  });
  doc.setTitle(`Points statement: ${safe(statement.repName)}`);
  doc.setProducer("Trellis");
  doc.setCreator("Trellis");
  return doc.save();
}
