vcl 4.1;
#
# Smilecook: a Varnish (>= 6.6; the tests run 7.1) in front of the API. See deploy/README.md.
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
# - The app's Cache-Control decides what is stored and for how long (the built-in VCL honours
#   max-age/s-maxage and stale-while-revalidate; private, no-cache and no-store are not stored).
# - Requests with Authorization are passed: their responses depend on the caller.
# - PURGE <path> drops every variant (Accept, Origin) of one URL; BAN <path> with
#   X-Ban-Url: <regex> drops every stored URL matching it (lists with any query). Both only from
#   the "purgers" ACL. Bans test obj.http.x-url only, so the ban lurker can apply them.
# - Accept is normalized to the one representation the app would choose (API.md §1), so all
#   clients of one representation share one cache entry.

import std;

backend smilecook {
  .host = "{{BACKEND_HOST}}";
  .port = "{{BACKEND_PORT}}";
  .probe = { .url = "/health"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
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
      return (purge);
    }
    if (!req.http.X-Ban-Url || req.http.X-Ban-Url ~ "\s") {
      return (synth(400, "BAN needs X-Ban-Url: one regex without spaces"));
    }
    if (std.ban("obj.http.x-url ~ " + req.http.X-Ban-Url)) {
      return (synth(200, "Banned"));
    }
    return (synth(400, std.ban_error()));
  }
  # The API neither sets nor reads cookies (API.md §1): a browser's cookies must not prevent caching.
  unset req.http.Cookie;
  if (req.http.Authorization) {
    return (pass);
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

sub vcl_backend_response {
  # What BAN's X-Ban-Url regex is tested against (lurker-friendly: no req.* in ban expressions).
  set beresp.http.x-url = bereq.url;
}

sub vcl_deliver {
  unset resp.http.x-url;
}
