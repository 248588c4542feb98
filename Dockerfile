# syntax=docker/dockerfile:1
# Build stage: install everything, generate the Prisma client, compile TypeScript.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY src ./src
COPY bench ./bench
COPY test ./test
# npm ci runs the prepare script, which generates the Prisma client and compiles.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --ignore-scripts

# Runtime stage: the compiled app, production dependencies and content, run as a non-root user.
FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX: glibc keeps at most two malloc arenas, as `npm start` sets it (docs/performance.md, Round 9).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 PGLITE_DIR=/data/pglite MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY content ./content
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
