/** Images are generated with sharp at test time; nothing is read from disk. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DEMO_KIT } from "../kit";
import { type Rgb, hexToRgb } from "./image/ciede2000";
import { runImageChecks } from "./run-image-checks";
import { type CheckResult, IMAGE_ROLES } from "./types";

const FOREST = hexToRgb("#1f5c3a");
const ORANGE = hexToRgb("#e8702a");
const SNOW = hexToRgb("#f7f7f2");

function solid(width: number, height: number, rgb: Rgb, alpha = 1) {
  const [r, g, b] = rgb;
  return sharp({ create: { width, height, channels: 4, background: { r, g, b, alpha } } });
}

/** Two-colour image: a left block of `left` taking `share` of the width, the rest `right`. */
async function split(width: number, height: number, left: Rgb, right: Rgb, share: number) {
  const leftWidth = Math.round(width * share);
  const block = await solid(leftWidth, height, left).png().toBuffer();
  return solid(width, height, right).composite([{ input: block, left: 0, top: 0 }]);
}

const result = (results: CheckResult[], id: string) => results.find((r) => r.checkId === id)!;

describe("runImageChecks", () => {
  it("passes an on-palette image of the right size and format", async () => {
    const bytes = await (await split(800, 600, FOREST, SNOW, 0.6)).flatten().jpeg().toBuffer();
    const report = await runImageChecks({ bytes, kit: DEMO_KIT, role: "photo" });
    expect(report.results.map((r) => [r.checkId, r.verdict])).toEqual([
      ["image-format", "pass"],
      ["image-file-size", "pass"],
      ["image-dimensions", "pass"],
      ["image-palette", "pass"],
    ]);
    expect(report).toMatchObject({ score: 100, blocked: false });
    const colours = result(report.results, "image-palette").measurements!.dominantColours!;
    expect(colours[0]).toMatchObject({ nearest: { name: "Forest" }, onPalette: true });
    expect(colours[0]!.share).toBeCloseTo(0.6, 1);
    expect(colours[0]!.deltaE).toBeLessThan(2);
    expect(colours[1]).toMatchObject({ nearest: { name: "Snow" }, onPalette: true });
  });

  it("reports off-palette colours with their nearest palette colour and ΔE", async () => {
    const bytes = await solid(800, 600, [220, 20, 200]).png().toBuffer();
    const image = await runImageChecks({ bytes, kit: DEMO_KIT, role: "photo" });
    const palette = result(image.results, "image-palette");
    expect(palette.measurements!.dominantColours![0]).toMatchObject({ hex: "#dc14c8", onPalette: false });
    expect(palette.measurements!.dominantColours![0]!.deltaE).toBeGreaterThan(DEMO_KIT.palette.tolerance);
  });

  it.each(IMAGE_ROLES)("blocks a wholly off-palette %s and passes an on-palette one", async (role) => {
    const neon = await solid(800, 600, [57, 255, 20]).png().toBuffer();
    const off = await runImageChecks({ bytes: neon, kit: DEMO_KIT, role });
    expect(result(off.results, "image-palette").verdict).toBe("fail");
    expect(off.blocked).toBe(true);
    expect(off.blockedBy).toContain("image-palette");
    // The explanation names the share, the colour, its distance and the nearest palette colour.
    const offResult = result(off.results, "image-palette");
    expect(offResult.explanation).toMatch(
      /^100% of the image is off-palette \(ΔE > \d+; limit 50%\): #39ff14 \(100%, ΔE \d+\.\d from \w+\)\.$/,
    );
    const deltaE = offResult.measurements!.dominantColours![0]!.deltaE;
    expect(deltaE).toBeGreaterThan(DEMO_KIT.palette.tolerance);
    expect(deltaE).toBeLessThan(200);
    expect(Math.round(deltaE * 100) / 100).toBe(deltaE);

    const onBrand = await (await split(800, 600, FOREST, SNOW, 0.6)).flatten().png().toBuffer();
    const on = await runImageChecks({ bytes: onBrand, kit: DEMO_KIT, role });
    const onResult = result(on.results, "image-palette");
    expect(onResult.verdict).toBe("pass");
    const within = /^(\d+)% of the image is within ΔE (\d+) of the palette\.$/.exec(onResult.explanation);
    expect(Number(within?.[1])).toBeGreaterThanOrEqual(80);
    expect(Number(within?.[1])).toBeLessThanOrEqual(100);
    expect(Number(within?.[2])).toBe(DEMO_KIT.palette.tolerance);
  });

  it("warns, without blocking, when a minority of the image is off-palette", async () => {
    // 35% neon: more than photographs may carry unremarked, less than half.
    const bytes = await (await split(800, 600, [57, 255, 20], FOREST, 0.35)).png().toBuffer();
    const report = await runImageChecks({ bytes, kit: DEMO_KIT, role: "photo" });
    expect(result(report.results, "image-palette").verdict).toBe("warn");
    expect(report.blockedBy).not.toContain("image-palette");
  });

  it("fails an image below the minimum dimensions", async () => {
    const bytes = await solid(200, 100, FOREST).png().toBuffer();
    const report = await runImageChecks({ bytes, kit: DEMO_KIT, role: "photo" });
    expect(result(report.results, "image-dimensions")).toMatchObject({
      verdict: "fail",
      measurements: { width: 200, height: 100 },
    });
    expect(report.blocked).toBe(true);
  });

  it("fails a format the kit does not allow", async () => {
    const bytes = await solid(800, 600, FOREST).gif().toBuffer();
    const report = await runImageChecks({ bytes, kit: DEMO_KIT, role: "photo" });
    expect(result(report.results, "image-format")).toMatchObject({
      verdict: "fail",
      measurements: { format: "gif" },
    });
  });

  it("fails a file larger than the kit's maximum", async () => {
    // Random noise does not compress: 1200×900 RGB PNG is about 3 MB.
    const noise = Buffer.alloc(1200 * 900 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const bytes = await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(bytes.length).toBeGreaterThan(DEMO_KIT.images.maxBytes);
    const report = await runImageChecks({ bytes, kit: DEMO_KIT, role: "photo" });
    expect(result(report.results, "image-file-size").verdict).toBe("fail");
  });

  it("fails a logo without transparency and passes one with it", async () => {
    const opaque = await solid(800, 600, ORANGE).png().toBuffer();
    const opaqueReport = await runImageChecks({ bytes: opaque, kit: DEMO_KIT, role: "logo" });
    expect(result(opaqueReport.results, "logo-transparency").verdict).toBe("fail");

    const mark = await solid(400, 300, ORANGE).png().toBuffer();
    const transparent = await solid(800, 600, [0, 0, 0], 0)
      .composite([{ input: mark, left: 200, top: 150 }])
      .png()
      .toBuffer();
    const report = await runImageChecks({ bytes: transparent, kit: DEMO_KIT, role: "logo" });
    expect(result(report.results, "logo-transparency").verdict).toBe("pass");
    // Transparent pixels are background, not colour: the logo is all Summit Orange.
    expect(result(report.results, "image-palette").measurements!.dominantColours).toHaveLength(1);
    expect(report.blocked).toBe(false);
  });

  it("judges the format by the bytes, whatever a file name would claim", async () => {
    // Think "logo.png" that is really a TIFF: only the bytes reach the checks.
    const tiffNamedPng = await solid(800, 600, FOREST).tiff().toBuffer();
    const report = await runImageChecks({ bytes: tiffNamedPng, kit: DEMO_KIT, role: "photo" });
    expect(result(report.results, "image-format")).toMatchObject({
      verdict: "fail",
      measurements: { format: "tif" },
    });

    const pdf = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
    const pdfReport = await runImageChecks({ bytes: pdf, kit: DEMO_KIT, role: "photo" });
    expect(result(pdfReport.results, "image-format")).toMatchObject({
      verdict: "fail",
      measurements: { format: "pdf" },
    });
    expect(result(pdfReport.results, "image-dimensions").verdict).toBe("fail");
  });

  it("recognises SVG by its root element and measures it", async () => {
    const svg = Buffer.from(
      `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect x="100" y="100" width="600" height="400" fill="#1f5c3a"/></svg>`,
    );
    const report = await runImageChecks({ bytes: svg, kit: DEMO_KIT, role: "logo" });
    expect(report.results.map((r) => [r.checkId, r.verdict])).toEqual([
      ["image-format", "pass"],
      ["image-file-size", "pass"],
      ["image-dimensions", "pass"],
      ["image-palette", "pass"],
      ["logo-transparency", "pass"],
    ]);
  });

  it("fails garbage bytes instead of throwing", async () => {
    const report = await runImageChecks({
      bytes: Buffer.from("not an image at all"),
      kit: DEMO_KIT,
      role: "photo",
    });
    expect(result(report.results, "image-format").verdict).toBe("fail");
    // Colours that cannot be measured are not on-palette.
    expect(result(report.results, "image-palette")).toMatchObject({
      verdict: "fail",
      explanation: expect.stringContaining("Could not decode"),
    });
    expect(report.blocked).toBe(true);
  });
});
