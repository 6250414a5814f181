import { Box, Group, Paper, Stack, Text } from "@mantine/core";
import { useElementSize, useMediaQuery } from "@mantine/hooks";
import { type KeyboardEvent, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import type { Portfolio, PortfolioPartner } from "../../api/relationships-types";
import {
  compactMoney,
  flagLabels,
  formatHealth,
  formatReturn,
  money,
  partnerPath,
  quadrantCssColor,
  quadrantLabels,
  quadrants,
} from "./portfolio.format";
import { breakEvenSegment, bubbleRadius, centroid, linear, plotDomains, polygonArea, quadrantRegions } from "./portfolio-geometry";

/** Above this many partners the bubbles are not tab stops: the table below is the keyboard's way in. */
const focusableUpTo = 60;
const ring = "var(--mantine-color-red-8)";

function Tooltip({ partner, currency, left, top }: { partner: PortfolioPartner; currency: string; left: number; top: number }) {
  const rows: [string, string][] = [
    ["Revenue", money(partner.revenueMinor, currency)],
    ["Margin", money(partner.marginMinor, currency)],
    ["Resources", money(partner.resourcesMinor, currency)],
    ["Net contribution", money(partner.netContributionMinor, currency)],
    ["Return", formatReturn(partner.returnOnResources)],
    ["Health", formatHealth(partner.healthScore)],
  ];
  return (
    <Paper withBorder shadow="md" p="xs" role="tooltip" style={{ position: "absolute", left, top, width: 240, pointerEvents: "none", zIndex: 2 }}>
      <Text fw={700} size="sm" lineClamp={2}>
        {partner.name}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {[partner.tierName, quadrantLabels[partner.quadrant]].filter(Boolean).join(" · ")}
      </Text>
      <Stack gap={0}>
        {rows.map(([label, value]) => (
          <Group key={label} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="xs" fw={600} ta="right">
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      {partner.openFlags.length > 0 ? (
        <Text size="xs" c="red.8" mt={4}>
          Flagged: {partner.openFlags.map((rule) => flagLabels[rule]).join("; ")}
        </Text>
      ) : null}
    </Paper>
  );
}

function Legend() {
  return (
    <Group gap="md" wrap="wrap" aria-hidden>
      {quadrants.map((quadrant) => (
        <Group key={quadrant} gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ borderRadius: "50%", background: quadrantCssColor(quadrant) }} />
          <Text size="xs">{quadrantLabels[quadrant]}</Text>
        </Group>
      ))}
      <Group gap={6} wrap="nowrap">
        <Box w={14} h={14} style={{ borderRadius: "50%", border: `2px solid ${ring}` }} />
        <Text size="xs">Open flag</Text>
      </Group>
      <Text size="xs" c="dimmed">
        Bubble size: revenue. Dashed diagonal: break-even (margin = resources). Vertical line: resources median.
      </Text>
    </Group>
  );
}

/**
 * Margin against resources consumed, one bubble per partner (size = revenue, colour = quadrant,
 * red ring = open flag), with the break-even diagonal and the resources median drawn in and the
 * quadrants named where they fall. A click (or Enter on a focused bubble) opens the partner's scorecard.
 */
export function PortfolioScatter({ portfolio }: { portfolio: Portfolio }) {
  const navigate = useNavigate();
  const phone = useMediaQuery("(max-width: 36em)") ?? false;
  const { ref, width } = useElementSize();
  const [hovered, setHovered] = useState<string | null>(null);
  const { currency, partners, thresholds } = portfolio;
  const height = phone ? 340 : 460;
  const margin = { left: phone ? 52 : 68, right: 16, top: 14, bottom: 44 };
  const plotWidth = Math.max(0, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const medianX = thresholds.resourcesMedianMinor;

  const geometry = useMemo(() => {
    const { x, y } = plotDomains(
      partners.map((p) => ({ x: p.resourcesMinor, y: p.marginMinor })),
      medianX,
      phone ? 4 : 6,
    );
    const sx = linear(x.domain, margin.left, margin.left + plotWidth);
    const sy = linear(y.domain, margin.top + plotHeight, margin.top);
    const maxRevenue = Math.max(0, ...partners.map((p) => p.revenueMinor));
    const bubbles = partners
      .map((partner) => ({
        partner,
        cx: sx(partner.resourcesMinor),
        cy: sy(partner.marginMinor),
        r: bubbleRadius(partner.revenueMinor, maxRevenue, phone ? 4 : 5, phone ? 16 : 24),
      }))
      // Big bubbles first, so the small ones stay visible (and hoverable) on top.
      .sort((a, b) => b.r - a.r);
    const regions = quadrantRegions(x.domain, y.domain, medianX);
    const areas = quadrants.map((quadrant) => {
      const points = regions[quadrant].map((p) => ({ x: sx(p.x), y: sy(p.y) }));
      return { quadrant, points, centre: centroid(points), area: polygonArea(points) };
    });
    const diagonal = breakEvenSegment(x.domain, y.domain);
    return { x, y, sx, sy, bubbles, areas, diagonal };
  }, [partners, medianX, phone, plotWidth, plotHeight, margin.left, margin.top]);

  const { x, y, sx, sy, bubbles, areas, diagonal } = geometry;
  const focusable = partners.length <= focusableUpTo;
  const active = bubbles.find((b) => b.partner.partnerId === hovered);
  const open = (partnerId: string) => navigate(partnerPath(partnerId));
  const onKey = (event: KeyboardEvent<SVGElement>, partnerId: string) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(partnerId);
    }
  };
  const medianPx = sx(medianX);

  return (
    <Stack gap="xs">
      <Box ref={ref} pos="relative" style={{ width: "100%", minHeight: height }}>
        {width > 0 ? (
          <svg
            width={width}
            height={height}
            aria-label={`Margin against resources consumed for ${partners.length} partners. The table below lists the same figures.`}
            style={{ display: "block", overflow: "visible", fontFamily: "inherit" }}
            onMouseLeave={() => setHovered(null)}
          >
            {areas.map(({ quadrant, points }) =>
              points.length > 2 ? (
                <polygon
                  key={quadrant}
                  points={points.map((p) => `${p.x},${p.y}`).join(" ")}
                  style={{ fill: quadrantCssColor(quadrant), fillOpacity: 0.06 }}
                />
              ) : null,
            )}
            {x.ticks.map((tick) => (
              <g key={`x${tick}`}>
                <line x1={sx(tick)} x2={sx(tick)} y1={margin.top} y2={margin.top + plotHeight} stroke="var(--mantine-color-gray-3)" />
                <text x={sx(tick)} y={margin.top + plotHeight + 16} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
                  {compactMoney(tick, currency)}
                </text>
              </g>
            ))}
            {y.ticks.map((tick) => (
              <g key={`y${tick}`}>
                <line
                  x1={margin.left}
                  x2={margin.left + plotWidth}
                  y1={sy(tick)}
                  y2={sy(tick)}
                  stroke={tick === 0 ? "var(--mantine-color-gray-6)" : "var(--mantine-color-gray-3)"}
                />
                <text x={margin.left - 6} y={sy(tick) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-dimmed)">
                  {compactMoney(tick, currency)}
                </text>
              </g>
            ))}
            <text x={margin.left + plotWidth / 2} y={height - 6} textAnchor="middle" fontSize={12} fontWeight={600} fill="currentColor">
              Resources consumed →
            </text>
            <text
              transform={`translate(12 ${margin.top + plotHeight / 2}) rotate(-90)`}
              textAnchor="middle"
              fontSize={12}
              fontWeight={600}
              fill="currentColor"
            >
              Margin →
            </text>
            {areas.map(({ quadrant, centre, area }) =>
              centre && area > 5000 ? (
                <text
                  key={`label-${quadrant}`}
                  x={centre.x}
                  y={centre.y}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  fontSize={phone ? 16 : 22}
                  fontWeight={800}
                  style={{ fill: quadrantCssColor(quadrant, 7), fillOpacity: 0.45, pointerEvents: "none", letterSpacing: 1 }}
                >
                  {quadrantLabels[quadrant].toUpperCase()}
                </text>
              ) : null,
            )}
            {diagonal ? (
              <g pointerEvents="none">
                <line
                  x1={sx(diagonal[0].x)}
                  y1={sy(diagonal[0].y)}
                  x2={sx(diagonal[1].x)}
                  y2={sy(diagonal[1].y)}
                  stroke="var(--mantine-color-gray-7)"
                  strokeDasharray="6 4"
                  strokeWidth={1.5}
                />
                <text x={sx(diagonal[1].x) - 4} y={sy(diagonal[1].y) + 14} textAnchor="end" fontSize={11} fill="var(--mantine-color-gray-7)">
                  break-even
                </text>
              </g>
            ) : null}
            {medianX > 0 ? (
              <g pointerEvents="none">
                <line
                  x1={medianPx}
                  x2={medianPx}
                  y1={margin.top}
                  y2={margin.top + plotHeight}
                  stroke="var(--mantine-color-gray-7)"
                  strokeDasharray="2 3"
                />
                <text x={medianPx + 4} y={margin.top + 10} fontSize={11} fill="var(--mantine-color-gray-7)">
                  median {compactMoney(medianX, currency)}
                </text>
              </g>
            ) : null}
            {bubbles.map(({ partner, cx, cy, r }) => {
              const flagged = partner.openFlags.length > 0;
              const isActive = partner.partnerId === hovered;
              const label = `${partner.name}: margin ${money(partner.marginMinor, currency)}, resources ${money(partner.resourcesMinor, currency)}, revenue ${money(partner.revenueMinor, currency)}, ${quadrantLabels[partner.quadrant]}${flagged ? ", flagged" : ""}`;
              return (
                // biome-ignore lint/a11y/useSemanticElements: an SVG bubble cannot be a <button>; it acts as a link to the scorecard.
                <g
                  key={partner.partnerId}
                  role="link"
                  tabIndex={focusable ? 0 : -1}
                  aria-label={label}
                  style={{ cursor: "pointer", outline: "none" }}
                  onMouseEnter={() => setHovered(partner.partnerId)}
                  onFocus={() => setHovered(partner.partnerId)}
                  onBlur={() => setHovered((current) => (current === partner.partnerId ? null : current))}
                  onClick={() => open(partner.partnerId)}
                  onKeyDown={(event) => onKey(event, partner.partnerId)}
                >
                  <circle
                    cx={cx}
                    cy={cy}
                    r={r}
                    style={{ fill: quadrantCssColor(partner.quadrant), fillOpacity: isActive ? 0.95 : 0.7 }}
                    stroke={isActive ? "var(--mantine-color-black)" : "var(--mantine-color-white)"}
                    strokeWidth={isActive ? 2 : 1}
                  />
                  {flagged ? <circle cx={cx} cy={cy} r={r + 3.5} fill="none" stroke={ring} strokeWidth={2.5} /> : null}
                </g>
              );
            })}
          </svg>
        ) : null}
        {active ? (
          <Tooltip
            partner={active.partner}
            currency={currency}
            left={active.cx + active.r + 248 <= width ? active.cx + active.r + 8 : Math.max(0, active.cx - active.r - 248)}
            top={Math.min(Math.max(0, active.cy - 40), height - 170)}
          />
        ) : null}
      </Box>
      <Legend />
    </Stack>
  );
}
