import { Anchor, Box, Button, Group, Input, NumberInput, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import type { CobrandBox, CobrandPage } from "../../api/types";
import { type CobrandPreset, cobrandPresets } from "./library.labels";

interface CobrandBoxFieldProps {
  value: CobrandBox;
  onChange: (box: CobrandBox) => void;
  error?: string;
  /** Saved co-brandable PDFs: the stamped sample the server makes. */
  previewUrl?: string;
}

const edges = [
  { key: "x", label: "Left edge (%)" },
  { key: "y", label: "Top edge (%)" },
  { key: "width", label: "Width (%)" },
  { key: "height", label: "Height (%)" },
] as const;

const percent = (fraction: number) => Math.round(fraction * 1000) / 10;

/** A page-shaped box (A4) with the stamp drawn where it will land: the numbers alone are hard to picture. */
function PagePreview({ box }: { box: CobrandBox }) {
  const pages = box.page === "all" ? "every page" : `the ${box.page} page`;
  return (
    <Box
      role="img"
      aria-label={`Stamp on ${pages}: ${percent(box.x)}% from the left, ${percent(box.y)}% from the top, ${percent(box.width)}% wide, ${percent(box.height)}% high`}
      w={{ base: 140, sm: 170 }}
      style={{
        aspectRatio: "210 / 297",
        position: "relative",
        border: "1px solid var(--mantine-color-default-border)",
        background: "var(--mantine-color-body)",
        boxShadow: "var(--mantine-shadow-sm)",
        flex: "none",
      }}
    >
      {[0.1, 0.16, 0.22, 0.28, 0.34].map((top) => (
        <Box
          key={top}
          style={{ position: "absolute", left: "10%", right: "10%", top: `${top * 100}%`, height: 3, background: "var(--mantine-color-gray-3)" }}
        />
      ))}
      <Box
        style={{
          position: "absolute",
          left: `${box.x * 100}%`,
          top: `${box.y * 100}%`,
          width: `${box.width * 100}%`,
          height: `${box.height * 100}%`,
          background: "var(--mantine-color-teal-light)",
          border: "2px dashed var(--mantine-color-teal-6)",
          fontSize: 9,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          overflow: "hidden",
          color: "var(--mantine-color-teal-9)",
        }}
      >
        Logo + contact
      </Box>
    </Box>
  );
}

export function CobrandBoxField({ value, onChange, error, previewUrl }: CobrandBoxFieldProps) {
  const setEdge = (key: (typeof edges)[number]["key"], input: number | string) => {
    const number = typeof input === "number" ? input : Number.parseFloat(input);
    if (!Number.isFinite(number)) return;
    onChange({ ...value, [key]: Math.min(100, Math.max(0, number)) / 100 });
  };
  const applyPreset = (preset: CobrandPreset) => onChange({ ...value, ...cobrandPresets[preset] });
  return (
    <Input.Wrapper
      label="Where the partner's logo goes"
      description="Partners download a copy with their logo and contact details stamped in this box."
      error={error}
    >
      <Group align="flex-start" gap="lg" mt="xs" wrap="wrap">
        <PagePreview box={value} />
        <Stack gap="sm" style={{ flex: "1 1 16rem" }}>
          <div>
            <Text size="sm" fw={500} id="cobrand-page-label">
              Stamp on
            </Text>
            <SegmentedControl
              aria-labelledby="cobrand-page-label"
              value={value.page}
              onChange={(page) => onChange({ ...value, page: page as CobrandPage })}
              data={[
                { value: "first", label: "First page" },
                { value: "last", label: "Last page" },
                { value: "all", label: "Every page" },
              ]}
            />
          </div>
          <Group gap="xs">
            <Text size="sm">Presets:</Text>
            {(Object.keys(cobrandPresets) as CobrandPreset[]).map((preset) => (
              <Button key={preset} size="compact-sm" variant="default" onClick={() => applyPreset(preset)}>
                {preset.charAt(0).toUpperCase() + preset.slice(1)}
              </Button>
            ))}
          </Group>
          <SimpleGrid cols={2} spacing="xs">
            {edges.map((edge) => (
              <NumberInput
                key={edge.key}
                label={edge.label}
                min={0}
                max={100}
                step={1}
                decimalScale={1}
                allowNegative={false}
                value={percent(value[edge.key])}
                onChange={(input) => setEdge(edge.key, input)}
              />
            ))}
          </SimpleGrid>
          {previewUrl ? (
            // The server stamps the saved box with a sample reseller; save changes before previewing them.
            <Anchor href={previewUrl} target="_blank" rel="noopener" size="sm">
              Preview stamp
            </Anchor>
          ) : null}
        </Stack>
      </Group>
    </Input.Wrapper>
  );
}
