# The API image (deploy/docker-compose.yml): the repository with `npm ci`, started as `npm start`
# starts it (it bundles src/ into dist/, then runs the bundle with the production node flags).
# Build from the repository root: docker build -f deploy/app.Dockerfile .
FROM node:20-bookworm-slim
RUN mkdir /app && chown node:node /app
WORKDIR /app
USER node
COPY --chown=node:node package.json package-lock.json ./
# Dev dependencies are test and benchmark tools; the build (esbuild) is a dependency.
RUN npm ci --omit=dev --no-audit --no-fund
COPY --chown=node:node . .
EXPOSE 3000
CMD ["npm", "start"]
