/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or Node-only packages stay outside the bundle and are loaded at run time.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pino",
    "pg-boss",
    "postgres",
    "prom-client",
    "onnxruntime-node",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
