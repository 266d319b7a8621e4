# Varnish for deploy/docker-compose.yml: Debian's varnish 7.1 and varnish-modules 0.20 (vmod xkey, built for
# that Varnish's strict ABI), the packages the tests and deploy/local.sh run. Not built here (no Docker).
FROM debian:bookworm-slim
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends varnish varnish-modules \
  && rm -rf /var/lib/apt/lists/*
EXPOSE 80
