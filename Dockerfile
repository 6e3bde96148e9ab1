# The API and the scorer share one image; docker-compose.yml picks the entry point.

# --- build: full dependencies, compiled output in dist/ ------------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` builds, and the sources are not copied yet (this layer caches the install).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts/bundle-editor.mjs ./scripts/
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
# The loader reads config/default.yaml relative to the working directory.
COPY config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
