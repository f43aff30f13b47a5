export const DEMO_PASSWORD = "brandgate-demo";

export const DEMO = {
  marketer: {
    email: "marketer@demo.brandgate.test",
    name: "Maya Marketer",
    nav: ["Studio", "Library", "Brand", "Assets", "Templates", "Usage"],
  },
  brandReviewer: {
    email: "brand.reviewer@demo.brandgate.test",
    name: "Bruno Brand-Reviewer",
    nav: ["Library", "Brand", "Templates", "Review"],
  },
  legalReviewer: {
    email: "legal.reviewer@demo.brandgate.test",
    name: "Lena Legal-Reviewer",
    nav: ["Library", "Brand", "Templates", "Review"],
  },
  admin: {
    email: "admin@demo.brandgate.test",
    name: "Ada Admin",
    nav: [
      "Studio",
      "Library",
      "Brand",
      "Assets",
      "Templates",
      "Review",
      "Models",
      "Rollouts",
      "Usage",
      "Admin",
    ],
  },
} as const;

export type DemoRole = keyof typeof DEMO;
