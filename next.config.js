// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2"],
  poweredByHeader: false,
  // Behind a load balancer or CDN that compresses, gzip here only costs the app's CPU (about 5% of a
  // resident's visit, bench/perf/pages-cpu.ts): HTTP_COMPRESSION=off leaves it to them. Read by `next start`.
  compress: process.env.HTTP_COMPRESSION !== "off",
  // `next dev` opened at 127.0.0.1 does not hydrate unless the origin is allowed.
  allowedDevOrigins: ["127.0.0.1"],
  // NEXT_SERVER_MINIFY=off at build time keeps the server bundles' function names, so that a CPU
  // profile (bench/perf/confirm-cpu.ts) names our functions rather than their one-letter stand-ins.
  experimental: { serverMinification: process.env.NEXT_SERVER_MINIFY !== "off" },
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
