"""Which addresses eventcoder may connect to: the host is resolved, and every address it resolves to must be public
(no loopback, private, link-local, shared, reserved or multicast address) unless the user allows private ones. Cloud
metadata addresses are refused even then: no news is published there, and credentials are.

The fetcher connects to an address checked here (never resolving the name again), so a name that resolves to a
public address for the check and a private one for the connection (DNS rebinding) gets nowhere."""
from __future__ import annotations

import ipaddress
import socket

from ..errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# instance metadata services of the clouds (AWS, GCP, Azure, OpenStack: 169.254.169.254; AWS IPv6; Alibaba; Oracle)
METADATA = tuple(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200",
                                                   "169.254.170.2", "192.0.0.192"))


class FetchError(InputError):
    """A URL could not be fetched, or was refused: names the URL and says why."""


def why_refused(ip: IPAddress, allow_private: bool = False, allowed_networks: tuple[str, ...] = ()) -> str | None:
    """Why eventcoder does not connect to `ip` ("a loopback address", ...), or None when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return "a cloud metadata address"
    if allow_private or any(ip in ipaddress.ip_network(n, strict=False) for n in allowed_networks):
        return None
    for test, what in ((ip.is_unspecified, "an unspecified"), (ip.is_loopback, "a loopback"),
                       (ip.is_link_local, "a link-local"), (ip.is_private, "a private"),
                       (ip.is_multicast, "a multicast"), (ip.is_reserved, "a reserved"),
                       (not ip.is_global, "a non-public")):
        if test:
            return f"{what} address"
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    return out


def checked_address(url: str, host: str, port: int, allow_private: bool = False,
                    allowed_networks: tuple[str, ...] = ()) -> IPAddress:
    """The address to connect to for `host`; FetchError naming `url` when the name does not resolve or any address
    it resolves to is refused (a name with one private address among public ones is refused as a whole)."""
    try:
        addrs = resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"the host name {host!r} does not resolve ({exc}); check the URL") from None
    if not addrs:
        raise FetchError(url, f"the host name {host!r} resolves to no address")
    for ip in addrs:
        why = why_refused(ip, allow_private, allowed_networks)
        if why:
            hint = "" if "metadata" in why else " (--allow-private fetches from your own network)"
            named = f"{host} is" if host.strip("[]") == str(ip) else f"{host} resolves to {ip},"
            raise FetchError(url, f"refused: {named} {why}{hint}")
    return addrs[0]
