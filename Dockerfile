# One image for every process of the command center (ingest, server, simulator);
# docker-compose.yml chooses the command. Node 20 LTS on Debian bookworm, as on the dev machines.
FROM node:20-bookworm-slim

WORKDIR /app

# Manifests first: the dependency layer is rebuilt only when one of them changes.
# Every npm workspace needs its package.json here (a test checks the list against package.json).
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY ingest/package.json ingest/
COPY server/package.json server/
COPY archiver/package.json archiver/
COPY client/package.json client/
COPY demo/package.json demo/
RUN npm ci --no-audit --no-fund

COPY . .

# The server serves the built client from CLIENT_DIST=/app/client/dist.
RUN npm run build -w client

# tsx runs the TypeScript sources as they are: there is no separate compiled copy to drift.
# It is loaded into node (`--import tsx`) rather than run as `npx tsx`: the tsx CLI is a parent
# process that SIGKILLs its child when the child does not confirm a relayed SIGTERM within
# ~30 ms, which a busy process misses, so a stop could lose unacknowledged QoS 1 messages.
ENV NODE_ENV=production
USER node
EXPOSE 8080
CMD ["node", "--import", "tsx", "server/src/main.ts"]
