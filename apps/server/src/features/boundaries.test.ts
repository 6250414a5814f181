import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// DESIGN: a feature calls another feature's service, never its repository or its tables.
const featuresDir = dirname(fileURLToPath(import.meta.url));

function sourcesOf(feature: string): { file: string; text: string }[] {
  return readdirSync(join(featuresDir, feature))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => ({ file: `${feature}/${file}`, text: readFileSync(join(featuresDir, feature, file), "utf8") }));
}

const features = readdirSync(featuresDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe("feature boundaries", () => {
  it("no feature imports another feature's repository", () => {
    const offences = features.flatMap((feature) =>
      sourcesOf(feature).flatMap(({ file, text }) =>
        [...text.matchAll(/from "\.\.\/([\w-]+)\/[\w.-]+\.repository\.js"/g)].filter((m) => m[1] !== feature).map((m) => `${file}: ${m[0]}`),
      ),
    );
    expect(offences).toEqual([]);
  });

  it("the partners feature looks vendor users up through the users service, not the users table", () => {
    const offences = sourcesOf("partners")
      .filter(({ text }) => /\.(selectFrom|updateTable|insertInto|deleteFrom)\(\s*"users["\s]/.test(text))
      .map(({ file }) => file);
    expect(offences).toEqual([]);
  });
});
