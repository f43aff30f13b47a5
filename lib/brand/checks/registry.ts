/**
 * Every check, registered once. Adding a check means writing one file that implements
 * `TextCheck` or `ImageCheck` and listing it here; nothing else changes.
 */
import type { BrandKit } from "../kit";
import { imageDimensionsCheck } from "./image/image-dimensions";
import { imageFileSizeCheck } from "./image/image-file-size";
import { imageFormatCheck } from "./image/image-format";
import { imagePaletteCheck } from "./image/image-palette";
import { logoTransparencyCheck } from "./image/logo-transparency";
import { bannedTermsCheck } from "./text/banned-terms";
import { competitorNamesCheck } from "./text/competitor-names";
import { inclusiveLanguageCheck } from "./text/inclusive-language";
import { instructionEchoCheck } from "./text/instruction-echo";
import { legalClaimsCheck } from "./text/legal-claims";
import { lengthLimitCheck } from "./text/length-limit";
import { linkDomainsCheck } from "./text/link-domains";
import { piiCheck } from "./text/pii";
import { profanityCheck } from "./text/profanity";
import { promptInjectionCheck } from "./text/prompt-injection";
import { readabilityCheck } from "./text/readability";
import { requiredDisclaimersCheck } from "./text/required-disclaimers";
import { terminologyCheck } from "./text/terminology";
import { toneOfVoiceCheck } from "./text/tone-of-voice";
import { trademarkCasingCheck } from "./text/trademark-casing";
import type {
  ImageCheck,
  ImageInput,
  RegisteredImageCheck,
  RegisteredTextCheck,
  TextCheck,
  TextInput,
} from "./types";

function registerText<P>(check: TextCheck<P>): RegisteredTextCheck {
  const { id, kind, description, weight, blocking, phases } = check;
  return {
    id,
    kind,
    description,
    weight,
    blocking,
    phases,
    // Kits are validated when a version is saved, so params are taken as they are: their
    // arrays stay the same objects, which lets checks compile term lists once per kit.
    evaluate: (input: TextInput, kit: BrandKit) =>
      check.run(input, check.fromKit(kit, { channel: input.channel })),
  };
}

function registerImage<P>(check: ImageCheck<P>): RegisteredImageCheck {
  const { id, kind, description, weight, blocking, roles } = check;
  return {
    id,
    kind,
    description,
    weight,
    blocking,
    roles,
    evaluate: (input: ImageInput, kit: BrandKit) =>
      check.run(input, check.fromKit(kit, { role: input.role })),
  };
}

export const TEXT_CHECKS: readonly RegisteredTextCheck[] = [
  registerText(promptInjectionCheck),
  registerText(bannedTermsCheck),
  registerText(competitorNamesCheck),
  registerText(piiCheck),
  registerText(linkDomainsCheck),
  registerText(profanityCheck),
  registerText(requiredDisclaimersCheck),
  registerText(lengthLimitCheck),
  registerText(trademarkCasingCheck),
  registerText(terminologyCheck),
  registerText(legalClaimsCheck),
  registerText(readabilityCheck),
  registerText(inclusiveLanguageCheck),
  registerText(toneOfVoiceCheck),
  registerText(instructionEchoCheck),
];

export const IMAGE_CHECKS: readonly RegisteredImageCheck[] = [
  registerImage(imageFormatCheck),
  registerImage(imageFileSizeCheck),
  registerImage(imageDimensionsCheck),
  registerImage(imagePaletteCheck),
  registerImage(logoTransparencyCheck),
];

export const CHECK_IDS = [...TEXT_CHECKS, ...IMAGE_CHECKS].map((c) => c.id);
