// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2"],
  poweredByHeader: false,
  // `next dev` opened at 127.0.0.1 does not hydrate unless the origin is allowed.
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
