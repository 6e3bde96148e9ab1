# One image for the API (the default command), the scorer (`node dist/apps/scorer/src/main.js`,
# `--once` for a CronJob) and the CLI (`node bin/remediation.mjs`); docker-compose.yml and deploy/
# pick the entry point.

# --- build: full dependencies, compiled output in dist/ ------------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` builds, and the sources are not copied yet (this layer caches the install).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts/bundle-editor.mjs scripts/pglite-template.mjs ./scripts/
RUN npm run build

# --- runtime: production dependencies, the build and the default configuration -------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    REMEDIATION_DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
# No dev dependencies, so no build tool for `prepare` to run: skip scripts.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The CLI's entry point (it runs the compiled dist/apps/cli).
COPY bin ./bin
# The loader reads config/default.yaml relative to the working directory.
COPY config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# The API's readiness (the database answers). The slim image has no curl or wget; Node has fetch.
# A scorer container has no HTTP server on PORT: docker-compose.yml gives it its own check, and
# Kubernetes ignores HEALTHCHECK in favour of the probes in deploy/.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
