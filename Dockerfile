# Hearth in a container: the `hearth` binary (beacon, validator, dev) built from this checkout.
#   docker build -t hearth .   then   docker run --rm hearth --help
# The build stage has the compilers native modules may need (classic-level, c-kzg); the runtime
# image only Node and the built tree.
FROM node:20-bookworm AS build
WORKDIR /hearth
COPY package.json package-lock.json lerna.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY spec-tests ./spec-tests
RUN npm ci --no-audit --no-fund && npx tsc -b

FROM node:20-bookworm-slim
WORKDIR /hearth
COPY --from=build /hearth /hearth
# Data lives in /data (a volume); the process runs as the image's unprivileged `node` user.
RUN mkdir -p /data && chown node:node /data
USER node
ENV NODE_ENV=production
# 9596 Beacon API, 8008 beacon metrics, 5064 validator metrics, 5062 keymanager API, 9000 p2p
EXPOSE 9596 8008 5064 5062 9000/tcp 9000/udp
ENTRYPOINT ["node", "/hearth/packages/cli/lib/src/index.js"]
CMD ["--help"]
