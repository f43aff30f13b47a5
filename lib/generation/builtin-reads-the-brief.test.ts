/**
 * The built-in model reads the brief: on 52 briefs as marketers write them (sales, launches,
 * events, newsletters, B2B, coffee, outdoor gear, app pushes), asked through the real
 * generation prompt for each starter template, every answer fills every slot within its
 * limits, names the brief's product and offer, and has no subject–verb agreement error by a
 * part-of-speech tagger's reading (compromise; see check-agreement.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_KIT } from "@/lib/brand/kit";
import { buildPrompt, slotsSchema } from "@/lib/generation/build-prompt";
import type { TemplateDefinition } from "@/lib/templates/definition";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { agreementErrors } from "@/lib/models/builtin/check-agreement";
import { completeChat } from "@/lib/models/builtin/complete-chat";

/** [brief, the product the copy must name, the offer's words it must carry]. */
const BRIEFS: [string, string, ...string[]][] = [
  [
    "30% off insulated jackets, Summit Down Parka, this weekend",
    "Summit Down Parka",
    "30% off",
    "this weekend",
  ],
  [
    "Launch email for the new Ridgeline Hiking Boots for weekend hikers, available from 3 October",
    "Ridgeline Hiking Boots",
    "3 October",
  ],
  ["Flash sale: 25% off all tents until Sunday", "tents", "25% off", "until Sunday"],
  [
    "Autumn sale on rain shells, 15% off through 30 November, for commuters",
    "rain shells",
    "15% off",
    "30 November",
  ],
  [
    "Introduce the Trailblazer 2 Headlamp to night runners, on sale from Friday at $49",
    "Trailblazer 2 Headlamp",
    "$49",
  ],
  [
    "Black Friday: 40% off the Summit Down Parka and all insulated jackets",
    "Summit Down Parka",
    "40% off",
    "Black Friday",
  ],
  [
    "Free shipping on the Alpine Trekking Poles this week only",
    "Alpine Trekking Poles",
    "free shipping",
    "this week",
  ],
  ["Cyber Monday deal: $20 off the Basecamp Stove for campers", "Basecamp Stove", "$20 off", "Cyber Monday"],
  [
    "Buy one get one free on Merino Hiking Socks until Saturday",
    "Merino Hiking Socks",
    "buy one, get one free",
    "until Saturday",
  ],
  [
    "Push notification: the Cloudrest Sleeping Bag is 20% off today only",
    "Cloudrest Sleeping Bag",
    "20% off",
    "today only",
  ],
  [
    "Our new Aurora Espresso Blend launches on 12 March for home baristas",
    "Aurora Espresso Blend",
    "12 March",
  ],
  [
    "Coffee subscribers get 10% off the Highland Single Origin this month",
    "Highland Single Origin",
    "10% off",
    "this month",
  ],
  [
    "Cold brew season: Northside Cold Brew Cans are 3 for $10 all week long",
    "Northside Cold Brew Cans",
    "3 for $10",
    "all week long",
  ],
  [
    "Double points on every Harbour Roast bag this weekend for loyalty members",
    "Harbour Roast",
    "double points",
    "this weekend",
  ],
  [
    "Free refills on Morning Drip Coffee until Friday at our cafés",
    "Morning Drip Coffee",
    "free refills",
    "until Friday",
  ],
  ["Latte art workshop with the Oatly Barista team on Saturday 14 June, tickets $25", "Oatly Barista", "$25"],
  ["Launch the Kettle Pro Gooseneck for pour-over fans, from $89", "Kettle Pro Gooseneck", "$89"],
  ["Tasting event for the Ember Dark Roast on 5 April at 6 pm", "Ember Dark Roast", "5 April"],
  ["Half price Velvet Decaf beans until midnight", "Velvet Decaf", "half price", "until midnight"],
  [
    "Newsletter for May: the Sunrise Breakfast Blend is back, 15% off for subscribers next week",
    "Sunrise Breakfast Blend",
    "15% off",
    "next week",
  ],
  [
    "Webinar for IT managers on Pulse Analytics, Thursday 12 March at 3 pm. CTA: Save your seat",
    "Pulse Analytics",
    "12 March",
  ],
  [
    "B2B launch: Ledgerly Invoicing for small businesses, a 30-day free trial, starting Monday",
    "Ledgerly Invoicing",
    "30-day free trial",
  ],
  [
    "Enterprise teams save 20% off Beacon Security annual plans until 31 December",
    "Beacon Security",
    "20% off",
    "31 December",
  ],
  [
    "Book a demo of the Northwind CRM for sales managers this month, just $29 per seat",
    "Northwind CRM",
    "$29",
  ],
  [
    "Announce the Harbor Data Platform to procurement teams, available from 1 July",
    "Harbor Data Platform",
    "1 July",
  ],
  [
    "Invite clients to the Atlas Partner Summit conference on 9 September",
    "Atlas Partner Summit",
    "9 September",
  ],
  [
    "Tell finance teams the Quarry Expense App now costs $12 per user, from next month",
    "Quarry Expense App",
    "$12",
  ],
  [
    "App push: new Trailhead Maps offline mode, free upgrade this week",
    "Trailhead Maps",
    "free upgrade",
    "this week",
  ],
  [
    "Push to app users: Stride Running Club challenge starts Monday, double rewards",
    "Stride Running Club",
    "double rewards",
  ],
  [
    "In-app message: the Pocket Barista app gives 50% off your first order until Sunday",
    "Pocket Barista",
    "50% off",
    "until Sunday",
  ],
  [
    "Mobile push for runners: Pace Tracker Premium is $4.99 a month this week only",
    "Pace Tracker Premium",
    "$4.99 a month",
  ],
  [
    "Push: Flashlight Friday in the Campfire app, 30% off lanterns for 24 hours",
    "lanterns",
    "30% off",
    "24 hours",
  ],
  [
    "Spring launch of the Meadow Trail Runners for trail runners, on 21 March",
    "Meadow Trail Runners",
    "21 March",
  ],
  [
    "Social post: the Glacier Water Bottle is 2 for $30 this weekend",
    "Glacier Water Bottle",
    "2 for $30",
    "this weekend",
  ],
  ["Landing page for the new Skyline Backpack 35L for commuters, from $120", "Skyline Backpack 35L", "$120"],
  [
    "Banner: 35% off Ridge Softshell Jackets until Sunday",
    "Ridge Softshell Jackets",
    "35% off",
    "until Sunday",
  ],
  [
    "Email to loyal customers: early-bird tickets for the Riverside Trail Festival, on sale this Friday",
    "Riverside Trail Festival",
    "early-bird tickets",
    "this Friday",
  ],
  [
    "Summer clearance: up to 50% off camping chairs this weekend",
    "camping chairs",
    "up to 50% off",
    "this weekend",
  ],
  [
    "Holiday gift guide newsletter: free gift wrapping on the Copper Camp Mug until 20 December",
    "Copper Camp Mug",
    "free gift wrap",
    "until 20 December",
  ],
  ["Yoga mats are 20% off for new members this month", "yoga mats", "20% off", "this month"],
  [
    "Promote the Harvest Granola Bars to busy parents, 3 for 2 until Friday",
    "Harvest Granola Bars",
    "3 for 2",
    "until Friday",
  ],
  [
    "Open day at the Greenway Bike Workshop on Saturday 4 May, free entry",
    "Greenway Bike Workshop",
    "free entry",
  ],
  [
    "New Lumen Desk Lamp for remote workers, $15 off through Sunday",
    "Lumen Desk Lamp",
    "$15 off",
    "through Sunday",
  ],
  ["Mother's Day: 20% off the Rosewood Tea Set", "Rosewood Tea Set", "20% off", "Mother's Day"],
  [
    "Newsletter: the Coastal Path Guide is out next week for weekend walkers",
    "Coastal Path Guide",
    "next week",
  ],
  [
    "Pre-order the Nimbus Rain Shell for cyclists, shipping from 1 September",
    "Nimbus Rain Shell",
    "1 September",
  ],
  [
    "Weekly roundup: the Granite Climbing Shoes are back in stock, 10% off until Wednesday",
    "Granite Climbing Shoes",
    "10% off",
    "until Wednesday",
  ],
  [
    "Invite runners to the Harbour Night Race on Friday 18 October at 7 pm",
    "Harbour Night Race",
    "18 October",
  ],
  [
    "Free returns on the Fieldstone Fleece this autumn for new customers",
    "Fieldstone Fleece",
    "free returns",
    "this autumn",
  ],
  ["Last chance: the Ember Wool Beanie is $19 until tonight", "Ember Wool Beanie", "$19", "until tonight"],
  [
    "Launch the Tidewater Kayak Paddles for paddlers this spring, 15% off pre-orders",
    "Tidewater Kayak Paddles",
    "15% off",
    "this spring",
  ],
  ["Easter sale: 25% off the Bunny Hop Kids Boots", "Bunny Hop Kids Boots", "25% off", "Easter"],
];

const MODELS = ["brandgate-copy-1", "brandgate-copy-2"];
let templates: TemplateDefinition[];

beforeAll(async () => {
  templates = (await loadStarterTemplates()).map((t) => t.definition);
});

function generate(model: string, brief: string, definition: TemplateDefinition, seed: number) {
  const messages = buildPrompt({
    brandName: "Acme Outdoor",
    kit: DEMO_KIT,
    definition,
    brief: { summary: brief, slots: {} },
    audience: null,
  });
  const schema = z.toJSONSchema(slotsSchema(definition)) as Record<string, unknown>;
  const answer = completeChat({
    model,
    seed,
    messages,
    response_format: { type: "json_schema", json_schema: { name: "slots", schema } },
  } as never)!;
  return JSON.parse(answer.text) as Record<string, string | string[]>;
}

const prose = (slots: Record<string, string | string[]>) =>
  Object.entries(slots)
    .filter(([name]) => !/url|link/i.test(name))
    .map(([, v]) => (Array.isArray(v) ? v.join(". ") : v))
    .join("\n");

describe("the built-in model reads the brief", () => {
  it("has at least 50 briefs", () => expect(BRIEFS.length).toBeGreaterThanOrEqual(50));

  for (const model of MODELS) {
    it(`${model}: every template's slots are filled, name the product and offer, and agree in number`, () => {
      const misses: string[] = [];
      // Copy repeats across templates; each distinct line is tagged once (the tagger is the slow part).
      const sentences = new Set<string>();
      BRIEFS.forEach(([brief, product, ...offer], i) => {
        for (const definition of templates) {
          const slots = generate(model, brief, definition, i);
          const parsed = slotsSchema(definition).safeParse(slots);
          if (!parsed.success) misses.push(`${definition.name} / ${brief}: ${parsed.error.message}`);
          const empty = definition.slots.filter((s) => {
            const v = slots[s.name];
            return v === undefined || v.length === 0;
          });
          if (empty.length) misses.push(`${definition.name} / ${brief}: empty ${empty.map((s) => s.name)}`);
          const text = prose(slots);
          for (const words of [product, ...offer]) {
            if (!text.toLowerCase().includes(words.toLowerCase())) {
              misses.push(`${definition.name} / ${brief}: no "${words}" in ${JSON.stringify(slots)}`);
            }
          }
          for (const line of text.split("\n")) sentences.add(line);
        }
      });
      for (const line of sentences) misses.push(...agreementErrors(line));
      expect(misses).toEqual([]);
    }, 240_000);
  }

  it("answers chat in grammatical sentences about the product in the conversation", () => {
    const ask = (content: string, earlier: string[] = []) =>
      completeChat({
        model: "brandgate-copy-1",
        seed: 4,
        messages: [
          { role: "system", content: "Voice: friendly, bold" },
          ...earlier.flatMap((e) => [
            { role: "user", content: e },
            { role: "assistant", content: "Here is a draft." },
          ]),
          { role: "user", content },
        ],
      })!.text;
    const copy = ask("30% off insulated jackets, Summit Down Parka, this weekend");
    expect(copy.split("\n\n")).toHaveLength(3);
    expect(copy).toContain("Summit Down Parka");
    expect(copy).toContain("30% off");
    const answer = ask("What is the deal on the parka?", [
      "30% off insulated jackets, Summit Down Parka, this weekend",
    ]);
    expect(answer).toMatch(/30% off/);
    expect(answer).toMatch(/this weekend/);
    expect(agreementErrors(answer)).toEqual([]);
    expect(ask("Hello!")).toMatch(/^Hello! Tell me the product/);
    const plural = ask("Write a post about our insulated jackets for winter walkers");
    expect(plural).not.toMatch(/jackets is\b/);
    expect(agreementErrors(plural)).toEqual([]);
  });

  it("the agreement check finds the errors the old model made", () => {
    expect(agreementErrors("Our jackets is built to be friendly.")).toHaveLength(1);
    expect(agreementErrors("Summit Down Parka keep you warm.")).toHaveLength(1);
    expect(agreementErrors("The boots keeps you dry.")).toHaveLength(1);
    expect(agreementErrors("They was made for hikers.")).toHaveLength(1);
    expect(agreementErrors("Our insulated jackets are 30% off this weekend.")).toEqual([]);
  });
});
