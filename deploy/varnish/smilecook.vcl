vcl 4.1;
#
# Smilecook: a Varnish (>= 6.6 with varnish-modules' vmod xkey; the tests run Debian's 7.1 and
# varnish-modules 0.20) in front of the API. See deploy/README.md.
#
# This file is a template: {{NAME}} placeholders are filled in before Varnish loads it, and a line
# whose placeholder gets several values is repeated once per value (deploy/render-template.mjs):
#   {{BACKEND_HOST}}, {{BACKEND_PORT}}  what Varnish fetches from: nginx in front of the instances
#                                       (or one instance)
#   {{PURGER}}                          the addresses (or "net/len") allowed to PURGE/BAN: the
#                                       instances, which send them (CACHE_PURGE_URL)
#   render: node deploy/render-template.mjs deploy/varnish/smilecook.vcl \
#             BACKEND_HOST=127.0.0.1 BACKEND_PORT=8080 PURGER=127.0.0.1 PURGER=::1 > /tmp/smilecook.vcl
#   check:  varnishd -C -f /tmp/smilecook.vcl > /dev/null
#   run:    varnishd -a :6081 -f /tmp/smilecook.vcl -s malloc,256m
#   app:    CACHE_PURGE_URL=http://127.0.0.1:6081 PUBLIC_BASE_URL=https://api.example TRUST_PROXY=loopback
#
# - The app's Cache-Control decides what is stored (private, no-cache and no-store are not); its
#   CDN-Cache-Control (RFC 9213, sent when the app purges this cache: CACHE_SHARED_MAX_AGE, images a
#   year) decides for how long, and is removed: browsers and other caches get Cache-Control as the
#   app sent it, and no Age (the copy here is kept current by purges, so it is as fresh as the origin's).
# - Every stored response names what it shows in its `xkey` header (cache tags, src/core/cache-keys.ts);
#   `PURGE` with `xkey-purge: <keys>` from the "purgers" ACL soft-purges every object carrying one of
#   them: expired but kept (grace), so the next request fetches it again — conditionally, with its
#   ETag — while the origin is healthy, and it is served stale while the origin is down.
# - BAN <path> with X-Ban-Url: <regex> (purgers only) stays for operators, for what tags cannot name:
#   objects by URL pattern, e.g. every object after a release that changes how responses render (a
#   tag names what a page shows, not the code that rendered it). The app never sends BAN.
# - Requests with Authorization are passed: their responses depend on the caller.
# - With every instance down or answering 5xx, what is held is served stale for up to its grace (the
#   CDN-Cache-Control max-age), and what is not gets a 503 application/problem+json.
# - Accept is normalized to the one representation the app would choose (API.md §1), so all
#   clients of one representation share one cache entry.

import std;
import xkey;

backend smilecook {
  .host = "{{BACKEND_HOST}}";
  .port = "{{BACKEND_PORT}}";
  # Starts healthy; sick after 2 failed probes of 3 (a few seconds): then stale objects are served at once.
  .probe = { .url = "/health"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

# The API instances' addresses (where CACHE_PURGE_URL requests come from), one line per {{PURGER}}.
# client.ip is the peer's address (or the one a PROXY-protocol header names): do not let a
# local proxy forward clients' PURGE/BAN to Varnish without the PROXY protocol.
acl purgers {
  "{{PURGER}}";
}

sub vcl_recv {
  if (req.method == "PURGE" || req.method == "BAN") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (req.method == "PURGE") {
      if (!req.http.xkey-purge || req.http.xkey-purge ~ "^\s*$") {
        return (synth(400, "PURGE needs xkey-purge: the cache tags to purge"));
      }
      return (synth(200, "Soft-purged " + xkey.softpurge(req.http.xkey-purge) + " objects"));
    }
    if (!req.http.X-Ban-Url || req.http.X-Ban-Url ~ "\s") {
      return (synth(400, "BAN needs X-Ban-Url: one regex without spaces"));
    }
    if (std.ban("obj.http.x-url ~ " + req.http.X-Ban-Url)) {
      return (synth(200, "Banned"));
    }
    return (synth(400, std.ban_error()));
  }
  if (req.restarts == 0) {
    unset req.http.x-sc-stale;
  }
  # The API neither sets nor reads cookies (API.md §1): a browser's cookies must not prevent caching.
  unset req.http.Cookie;
  if (req.http.Authorization) {
    return (pass);
  }
  if (req.http.x-sc-stale) {
    # The origin just failed this request (vcl_deliver): whatever is held is better than an error.
    set req.grace = 31536000s;
  } elsif (std.healthy(req.backend_hint)) {
    # A purged or expired object is fetched again (conditionally) before it is served: stale only while the origin is down.
    set req.grace = 0s;
  }
  if ((req.method == "GET" || req.method == "HEAD") && req.url !~ "^/problems/") {
    call smilecook_normalize_accept;
  }
}

# The representation depends only on which of HAL-FORMS, HAL and HTML ranks highest (ties:
# HAL-FORMS, then HAL, then HTML), each taking the q of the most specific matching range, with
# API.md §1's exceptions: only a range naming HAL-FORMS itself selects it (wildcards never do),
# and application/json counts as HAL unless HAL is named too. When HAL-FORMS wins, a resource
# without templates is served as HAL if HAL is acceptable at all, so that case keeps HAL in the
# normalized header. Headers this simple normalizer does not fully understand (media-type
# parameters, odd q values) and headers accepting none of the three are left as they are: still
# correct (the app sends Vary: Accept), only less shared.
sub smilecook_normalize_accept {
  unset req.http.x-sc-forms;
  unset req.http.x-sc-hal;
  unset req.http.x-sc-html;
  if (!req.http.Accept || req.http.Accept ~ "^\s*$") {
    set req.http.Accept = "*/*";
  }
  if (req.http.Accept !~ {"(?i)^\s*[a-z0-9!#$%&'*+.^_|~-]+/[a-z0-9!#$%&'*+.^_|~-]+(\s*;\s*q=(0(\.[0-9]{1,3})?|1(\.0{1,3})?))?(\s*,\s*[a-z0-9!#$%&'*+.^_|~-]+/[a-z0-9!#$%&'*+.^_|~-]+(\s*;\s*q=(0(\.[0-9]{1,3})?|1(\.0{1,3})?))?)*\s*$"}) {
    return;
  }
  # Least specific first, so a more specific range overrides; the first of equals wins.
  set req.http.x-sc-forms = "0";
  set req.http.x-sc-hal = "0";
  set req.http.x-sc-html = "0";
  if (req.http.Accept ~ {"(?i)(^|,)\s*\*/\*\s*(;|,|$)"}) {
    set req.http.x-sc-hal = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*\*/\*\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
    set req.http.x-sc-html = req.http.x-sc-hal;
  }
  if (req.http.Accept ~ {"(?i)(^|,)\s*application/\*\s*(;|,|$)"}) {
    set req.http.x-sc-hal = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*application/\*\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
  }
  if (req.http.Accept ~ {"(?i)(^|,)\s*text/\*\s*(;|,|$)"}) {
    set req.http.x-sc-html = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*text/\*\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
  }
  if (req.http.Accept ~ {"(?i)(^|,)\s*application/json\s*(;|,|$)"}) {
    set req.http.x-sc-hal = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*application/json\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
  }
  if (req.http.Accept ~ {"(?i)(^|,)\s*application/prs\.hal-forms\+json\s*(;|,|$)"}) {
    set req.http.x-sc-forms = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*application/prs\.hal-forms\+json\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
  }
  if (req.http.Accept ~ {"(?i)(^|,)\s*application/hal\+json\s*(;|,|$)"}) {
    set req.http.x-sc-hal = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*application/hal\+json\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
  }
  if (req.http.Accept ~ {"(?i)(^|,)\s*text/html\s*(;|,|$)"}) {
    set req.http.x-sc-html = regsub(req.http.Accept, {"(?i)^(.*?,)?\s*text/html\s*(;\s*q=([0-9.]+))?\s*(,.*)?$"}, "q\3");
  }
  # "q" alone (no q parameter) means 1.
  set req.http.x-sc-forms = regsub(regsub(req.http.x-sc-forms, "^q$", "1"), "^q", "");
  set req.http.x-sc-hal = regsub(regsub(req.http.x-sc-hal, "^q$", "1"), "^q", "");
  set req.http.x-sc-html = regsub(regsub(req.http.x-sc-html, "^q$", "1"), "^q", "");
  if (std.real(req.http.x-sc-forms, 0) > 0
      && std.real(req.http.x-sc-forms, 0) >= std.real(req.http.x-sc-hal, 0)
      && std.real(req.http.x-sc-forms, 0) >= std.real(req.http.x-sc-html, 0)) {
    if (std.real(req.http.x-sc-hal, 0) > 0) {
      set req.http.Accept = "application/prs.hal-forms+json, application/hal+json;q=0.9";
    } else {
      set req.http.Accept = "application/prs.hal-forms+json";
    }
  } elsif (std.real(req.http.x-sc-hal, 0) > 0 && std.real(req.http.x-sc-hal, 0) >= std.real(req.http.x-sc-html, 0)) {
    set req.http.Accept = "application/hal+json";
  } elsif (std.real(req.http.x-sc-html, 0) > 0) {
    set req.http.Accept = "text/html";
  }
  unset req.http.x-sc-forms;
  unset req.http.x-sc-hal;
  unset req.http.x-sc-html;
}

sub vcl_miss {
  # Restarted after the origin failed, and nothing is held: a clean problem rather than a second try.
  if (req.http.x-sc-stale) {
    return (synth(503, "Service Unavailable"));
  }
}

sub vcl_backend_response {
  # What BAN's X-Ban-Url regex is tested against (lurker-friendly: no req.* in ban expressions).
  set beresp.http.x-url = bereq.url;
  if (beresp.status >= 500) {
    # A background refresh that failed keeps the stale object; a foreground one is retried on what is held (vcl_deliver).
    if (bereq.is_bgfetch) {
      return (abandon);
    }
    if (beresp.http.Content-Type !~ "^application/problem\+json") {
      return (error(503, "Service Unavailable"));
    }
  }
  # RFC 9213: the lifetime meant for this cache, which the app purges; grace as long, for when the origin is down.
  if (beresp.http.CDN-Cache-Control ~ "(?i)(^|,)\s*max-age\s*=\s*[0-9]+\s*(,|$)") {
    set beresp.ttl = std.duration(regsub(beresp.http.CDN-Cache-Control, "(?i)^(.*,)?\s*max-age\s*=\s*([0-9]+)\s*(,.*)?$", "\2") + "s", 0s);
    set beresp.grace = beresp.ttl;
    set beresp.keep = 0s;
    set beresp.http.x-sc-shared = "1";
    unset beresp.http.CDN-Cache-Control;
  }
}

sub vcl_backend_error {
  if (bereq.is_bgfetch) {
    return (abandon);
  }
  set beresp.http.Content-Type = "application/problem+json";
  set beresp.http.Cache-Control = "no-store";
  set beresp.http.Retry-After = "5";
  set beresp.http.X-Content-Type-Options = "nosniff";
  set beresp.body = {"{"type":"/problems/service-unavailable","title":"Service unavailable","status":503,"detail":"The service cannot answer right now; retry in a moment.","instance":""} + regsuball(regsuball(bereq.url, "\\", "%5C"), {"""}, "%22") + {"""} + "}";
  return (deliver);
}

sub vcl_deliver {
  # The origin failed (down, or 500/502/503/504): once more from what is held, stale (vcl_recv), or a clean 503 (vcl_miss).
  if (req.restarts == 0 && (req.method == "GET" || req.method == "HEAD") && !req.http.Authorization
      && (resp.status == 500 || resp.status == 502 || resp.status == 503 || resp.status == 504)) {
    set req.http.x-sc-stale = "1";
    return (restart);
  }
  unset resp.http.x-url;
  unset resp.http.xkey;
  if (resp.http.x-sc-shared) {
    # Kept current by purges: as fresh as the origin's own answer, so no Age that would make a browser's max-age run out at once.
    unset resp.http.Age;
    unset resp.http.x-sc-shared;
  }
}

sub vcl_synth {
  if (resp.status == 503) {
    set resp.http.Content-Type = "application/problem+json";
    set resp.http.Cache-Control = "no-store";
    set resp.http.Retry-After = "5";
    set resp.http.X-Content-Type-Options = "nosniff";
    set resp.body = {"{"type":"/problems/service-unavailable","title":"Service unavailable","status":503,"detail":"The service cannot answer right now and this page is not in the cache; retry in a moment.","instance":""} + regsuball(regsuball(req.url, "\\", "%5C"), {"""}, "%22") + {"""} + "}";
    return (deliver);
  }
}
