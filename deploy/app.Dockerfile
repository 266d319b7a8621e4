# The API image (deploy/docker-compose.yml). The bundle is built once, when the image is built, and
# the container runs it the way `npm start` runs it after its build: node itself, with the same
# flags and environment defaults (package.json `start`), as the container's main process, so
# SIGTERM (docker stop) reaches the server, which finishes its in-flight requests and exits 0.
# Build from the repository root: docker build -f deploy/app.Dockerfile .

# Build: every dependency (esbuild is a dev dependency), then `npm run build` into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run: the production dependencies (the bundle leaves packages external) and dist/ alone.
FROM node:20-bookworm-slim
ENV GLIBC_TUNABLES=glibc.malloc.arena_max=2 \
    UV_THREADPOOL_SIZE=2
RUN mkdir /app && chown node:node /app
WORKDIR /app
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build --chown=node:node /app/dist ./dist
EXPOSE 3000
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "--heap-growing-percent=60", "dist/server.js"]
