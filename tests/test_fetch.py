"""Safe fetching (eventcoder.fetch), against a local web site: addresses checked before connecting and on every
redirect, size and time limits, decompression bombs, robots.txt, the rate limit, the User-Agent, canonical URLs."""
from __future__ import annotations

import ipaddress

import pytest

from eventcoder.fetch.addresses import FetchError, why_refused
from eventcoder.fetch.canonical import canonical_url, page_canonical, same_site
from eventcoder.fetch.client import Fetcher
from eventcoder.fetch.options import FetchOptions
from eventcoder.version import __version__
from local_web import Site, self_signed

LOCAL = FetchOptions(allow_private=True, rate=0, timeout=10)


def fetch(url, **kw):
    opts = FetchOptions(**{**LOCAL.__dict__, **kw})
    with Fetcher(opts) as f:
        return f.get(url)


@pytest.mark.parametrize("ip, kind", [("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.9", "private"),
                                      ("169.254.1.1", "link-local"), ("::1", "loopback"), ("fe80::1", "link-local"),
                                      ("100.64.0.1", "non-public"), ("0.0.0.0", "unspecified"),
                                      ("::ffff:127.0.0.1", "loopback")])
def test_private_addresses_are_refused(ip, kind):
    assert kind in why_refused(ipaddress.ip_address(ip))
    assert why_refused(ipaddress.ip_address(ip), allow_private=True) is None


def test_public_addresses_pass_and_metadata_is_refused_even_when_private_is_allowed():
    assert why_refused(ipaddress.ip_address("93.184.216.34")) is None
    assert "metadata" in why_refused(ipaddress.ip_address("169.254.169.254"), allow_private=True)


def test_loopback_is_refused_without_allow_private(site):
    url = site.add("/a", "<p>hello there world</p>")
    with pytest.raises(FetchError, match="refused: 127.0.0.1 is a loopback address.*"
                                         "--allow-private"):
        fetch(url, allow_private=False)
    assert site.hits["/a"] == 0 and site.hits["/robots.txt"] == 0     # refused before connecting


def test_a_host_name_is_resolved_and_checked(site):
    url = site.add("/a", "<p>hello there world</p>").replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match="localhost resolves to 127.0.0.1, a loopback address"):
        fetch(url, allow_private=False)


def test_a_redirect_to_loopback_is_refused_at_the_hop():
    """The site on 127.0.0.2 is allowed (one network), its redirect to 127.0.0.1 is not."""
    inner, outer = Site("127.0.0.1").start(), Site("127.0.0.2").start()
    try:
        target = inner.add("/secret", "<p>internal admin page here</p>")
        url = outer.redirect("/go", target)
        with pytest.raises(FetchError, match="refused: 127.0.0.1 is a loopback address"):
            fetch(url, allow_private=False, allowed_networks=("127.0.0.2/32",))
        assert outer.hits["/go"] == 1 and inner.hits["/secret"] == 0
    finally:
        inner.stop()
        outer.stop()


def test_redirect_to_another_scheme_or_metadata_is_refused(site):
    with pytest.raises(FetchError, match="only http and https.*not file:.*a redirect to file:///etc/passwd"):
        fetch(site.redirect("/f", "file:///etc/passwd"))
    with pytest.raises(FetchError, match="169.254.169.254 is a cloud metadata address"):
        fetch(site.redirect("/m", "http://169.254.169.254/latest/meta-data/"))


def test_twenty_redirects_stop_at_the_limit(site):
    for i in range(20, 0, -1):
        site.redirect(f"/r{i}", site.url(f"/r{i - 1}"))
    site.add("/r0", "<p>the end of the chain</p>")
    with pytest.raises(FetchError, match="more than 10 redirects"):
        fetch(site.url("/r20"))
    assert site.hits["/r10"] == 1 and site.hits["/r9"] == 0     # the first answer and 10 redirects followed
    assert fetch(site.url("/r5")).body == b"<p>the end of the chain</p>"    # five hops are fine


def test_a_slow_server_is_cut_off_at_the_total_time_limit(site):
    with pytest.raises(FetchError, match=r"longer than the time limit \(2 s\)"):
        fetch(site.slow("/slow"), timeout=2)


def test_headers_sent_a_byte_a_second_are_cut_off_at_the_total_time_limit(site):
    with pytest.raises(FetchError, match=r"longer than the time limit \(2 s\)"):
        fetch(site.trickle_headers("/trickle"), timeout=2)


def test_a_large_response_is_refused_while_reading(site):
    with pytest.raises(FetchError, match="larger than 10.4858 MB"):
        fetch(site.endless("/big"))
    with pytest.raises(FetchError, match="1073.7 MB, larger than"):
        fetch(site.endless("/big-announced", announce=True))


def test_a_gzip_bomb_is_refused(site):
    with pytest.raises(FetchError, match="decompression bomb"):
        fetch(site.gzip_bomb("/bomb"))


def test_a_gzip_page_is_decoded(site):
    import gzip
    site.add("/z", gzip.compress(b"<p>compressed page text</p>"), headers={"Content-Encoding": "gzip"})
    assert fetch(site.url("/z")).body == b"<p>compressed page text</p>"


def test_robots_txt_is_honoured_and_fetched_once(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/private/x", "<p>not for robots</p>")
    site.add("/public", "<p>for everyone here</p>")
    with Fetcher(LOCAL) as f:
        with pytest.raises(FetchError, match=r"robots.txt \(http://127.0.0.1:\d+/robots.txt\) does not allow"):
            f.get(site.url("/private/x"))
        assert f.get(site.url("/public")).status == 200
    assert site.hits["/private/x"] == 0 and site.hits["/robots.txt"] == 1


def test_robots_txt_that_fails_forbids_the_site(site):
    site.add("/robots.txt", "oops", status=503)
    site.add("/page", "<p>page</p>")
    with pytest.raises(FetchError, match="robots.txt answered HTTP 503"):
        fetch(site.url("/page"))
    assert site.hits["/page"] == 0


def test_user_agent_names_eventcoder_and_its_version(site):
    site.add("/ua", "<p>x</p>")
    fetch(site.url("/ua"))
    assert all(h["User-Agent"].startswith(f"eventcoder/{__version__}") for h in site.headers_seen)


def test_rate_limit_spaces_requests_to_one_host(site, monkeypatch):
    import eventcoder.fetch.client as client
    slept = []
    monkeypatch.setattr(client.time, "sleep", lambda s: slept.append(s))
    site.add("/p", "<p>x</p>")
    with Fetcher(FetchOptions(allow_private=True, rate=0.5)) as f:
        f.get(site.url("/p"))
        f.get(site.url("/p"))
    assert slept and all(1.0 < s <= 2.0 for s in slept)    # robots.txt, then twice /p: 2 s apart


def test_http_errors_name_the_status(site):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(site.url("/missing"))


def test_canonical_url_drops_tracking_and_normalises():
    assert canonical_url("HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=7&fbclid=XY&gclid=1#top") == \
        "https://news.example.com/a/b?id=7"
    assert canonical_url("http://example.com:8080") == "http://example.com:8080/"
    assert canonical_url("http://user:pw@example.com/x?utm_medium=a") == "http://example.com/x"


def test_page_canonical_is_honoured_only_on_the_same_site():
    page = '<html><head><link rel="canonical" href="/story/9?utm_campaign=x"></head><body><p>t</p></body></html>'
    assert page_canonical(page, "https://www.example.com/amp/story/9") == "https://www.example.com/story/9"
    other = page.replace("/story/9?utm_campaign=x", "https://elsewhere.org/story/9")
    assert page_canonical(other, "https://www.example.com/amp/x") == "https://www.example.com/amp/x"
    assert same_site("https://m.example.com/a", "https://www.example.com/b")


def test_https_checks_the_certificate_against_the_name_while_connecting_to_the_checked_address(tmp_path, monkeypatch):
    import ssl
    import eventcoder.fetch.deadline as deadline
    cert, key = self_signed(tmp_path, "localhost")
    monkeypatch.setattr(deadline.httpx, "create_ssl_context", lambda **kw: ssl.create_default_context(cafile=cert))
    secure = Site("127.0.0.1", tls=(cert, key)).start()
    try:
        secure.add("/a", "<p>over tls</p>")
        assert fetch(secure.url("/a").replace("127.0.0.1", "localhost")).body == b"<p>over tls</p>"
        with pytest.raises(FetchError, match="could not be reached.*(CERTIFICATE_VERIFY_FAILED|match)"):
            fetch(secure.url("/a"))                     # the certificate names localhost, not 127.0.0.1
    finally:
        secure.stop()


def test_an_ipv6_literal_url_is_fetched_from_its_address():
    six = Site("::1").start()
    try:
        six.add("/a", "<p>over ipv6</p>")
        assert six.url("/a").startswith("http://[::1]:")
        assert fetch(six.url("/a")).body == b"<p>over ipv6</p>"
        with pytest.raises(FetchError, match="refused: ::1 is a loopback address"):
            fetch(six.url("/a"), allow_private=False)
    finally:
        six.stop()
