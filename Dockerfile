# credit-gateway: the compiled gateway (npm run build) on Node 20, non-root, with Chromium and CJK
# fonts for PDF credit reports. Build: docker build -t credit-gateway .  (no engine runs in CI here:
# `npm run manifests:check` checks this file's structure and the Kubernetes manifests' schemas).

# --- build: dev dependencies, tsc emit, the hall script bundled ---
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and dist/ only ---
FROM node:20.20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production CHROMIUM_PATH=/usr/bin/chromium PORT=4000 HOST=0.0.0.0 \
    AUDIT_FILE=/var/lib/credit-gateway/audit/replica.jsonl LEDGER_DIR=/var/lib/credit-gateway/ledger
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN groupadd --system gateway && useradd --system --gid gateway --home /app gateway \
 && mkdir -p /var/lib/credit-gateway && chown -R gateway:gateway /var/lib/credit-gateway
USER gateway
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "--max-old-space-size=224", "dist/src/main.js"]
