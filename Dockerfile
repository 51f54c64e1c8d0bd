# One image for the server, the worker and the one-shot migration.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The install step generates the Prisma client, so it needs the schema and the generate script.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs scripts/prisma-engine.mjs ./scripts/
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build
USER node
EXPOSE 3000
CMD ["npm", "start"]
