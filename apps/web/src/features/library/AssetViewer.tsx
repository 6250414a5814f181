import { Anchor, Box, Image, Paper, Text, Typography } from "@mantine/core";
import type { AssetDetail } from "../../api/types";
import { Empty } from "../../components/Empty";
import { contentUrl } from "./library.api";
import { viewerKind } from "./library.labels";

interface AssetViewerProps {
  asset: AssetDetail;
  /** Vendor side: a link for "No file yet" pointing at the upload. */
  emptyHint?: string;
}

/** Shows the current version the way a browser shows it best; the file itself streams with Range requests. */
export function AssetViewer({ asset, emptyHint }: AssetViewerProps) {
  const kind = viewerKind(asset);
  // The version in the address makes the browser fetch the new bytes after an upload instead of its cached copy.
  const src = `${contentUrl(asset.id)}${asset.currentVersion ? `?v=${asset.currentVersion}` : ""}`;
  switch (kind) {
    case "page":
      return (
        <Paper withBorder p={{ base: "md", sm: "lg" }}>
          {asset.bodyHtml ? (
            <Typography>
              {/* bodyHtml is rendered by the server from markdown with raw HTML escaped (markdown-it, html: false); no other field is ever set this way. */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised markdown output, see the comment above */}
              <div dangerouslySetInnerHTML={{ __html: asset.bodyHtml }} />
            </Typography>
          ) : (
            <Text c="dimmed">This page has no text yet.</Text>
          )}
        </Paper>
      );
    case "pdf":
      return (
        <Box>
          <Box
            component="iframe"
            src={src}
            title={`${asset.title} (PDF)`}
            w="100%"
            h={{ base: "70vh", sm: "80vh" }}
            style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-md)" }}
          />
          <Text size="xs" c="dimmed" mt={4}>
            PDF not showing?{" "}
            <Anchor href={src} target="_blank" rel="noopener">
              Open it in a new tab
            </Anchor>
          </Text>
        </Box>
      );
    case "video":
      return (
        // biome-ignore lint/a11y/useMediaCaption: asset versions carry no caption track yet; the summary describes the video
        <video controls preload="metadata" src={src} style={{ width: "100%", maxHeight: "75vh", background: "black", borderRadius: 8 }}>
          Your browser cannot play this video; download it instead.
        </video>
      );
    case "image":
      return <Image src={src} alt={asset.summary || asset.title} radius="md" fit="contain" mah="75vh" />;
    case "other":
      return (
        <Empty title="No preview for this file type">
          Download it to open it in its own application{asset.versions[0]?.fileName ? ` (${asset.versions[0].fileName})` : ""}.
        </Empty>
      );
    default:
      return <Empty title="No file yet">{emptyHint ?? "The vendor has not uploaded this asset's file yet."}</Empty>;
  }
}
