"""Which network addresses Postloom may connect to when it fetches a user's URL.

Pure functions over ``ipaddress`` values; ``web.safe_http`` resolves names and applies them.
"""

from __future__ import annotations

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_net = ipaddress.ip_network

# Not one of these is where a shop's public website lives; several are where an attacker wants
# our requests to go (the machine itself, the office network, a cloud's metadata service).
_BLOCKED_V4 = tuple(map(_net, (
    "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local machine on Linux
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",  # private (RFC 1918)
    "100.64.0.0/10",  # carrier-grade NAT, also Alibaba's metadata 100.100.100.200
    "127.0.0.0/8",  # loopback
    "169.254.0.0/16",  # link-local, also AWS/GCP/Azure/OpenStack metadata 169.254.169.254
    "192.0.0.0/24",  # IETF protocol assignments, also Oracle's metadata 192.0.0.192
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",  # documentation
    "192.88.99.0/24",  # 6to4 relay anycast (deprecated)
    "198.18.0.0/15",  # benchmarking
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, and 255.255.255.255 broadcast
)))  # fmt: skip

_NAT64 = _net("64:ff9b::/96")  # IPv6-only networks reach IPv4 sites through it: allowed, if the
# IPv4 address it carries is

_ALLOWED_V6 = _net("2000::/3")  # global unicast; nothing outside it (but NAT64) is a website

_BLOCKED_V6 = tuple(map(_net, (
    "2001::/23",  # IETF protocol assignments: Teredo, benchmarking, ORCHID
    "2001:db8::/32", "3fff::/20",  # documentation
    "2002::/16",  # 6to4, which can carry any IPv4 address (deprecated, RFC 7526)
)))  # fmt: skip

# Named although the ranges above cover all but Azure's (a public address): the list says what
# we are protecting, and stays true if a range is ever relaxed.
_METADATA = frozenset(map(ipaddress.ip_address, (
    "169.254.169.254", "169.254.170.2", "169.254.169.253",  # AWS, GCP, Azure, ECS, AWS DNS
    "fd00:ec2::254", "fd00:ec2::23",  # AWS over IPv6
    "100.100.100.200",  # Alibaba Cloud
    "192.0.0.192",  # Oracle Cloud
    "168.63.129.16",  # Azure wire server
)))  # fmt: skip

_INET_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


def is_allowed_address(address: IPAddress, allow_loopback: bool = False) -> bool:
    """Whether Postloom may connect to ``address`` (loopback only when the policy allows it)."""
    if allow_loopback and _is_plain_loopback(address):
        return True
    return not _is_blocked(address)


def _is_plain_loopback(address: IPAddress) -> bool:
    # Only the two spellings tests and the sandbox use; ::ffff:127.0.0.1 and friends stay refused.
    if isinstance(address, ipaddress.IPv4Address):
        return address.is_loopback
    return address == ipaddress.IPv6Address("::1")


def _is_blocked(address: IPAddress) -> bool:
    if address in _METADATA:
        return True
    if isinstance(address, ipaddress.IPv4Address):
        return any(address in net for net in _BLOCKED_V4) or not address.is_global
    if address.ipv4_mapped is not None:  # the socket would connect to the IPv4 address
        return _is_blocked(address.ipv4_mapped)
    if address in _NAT64:
        return _is_blocked(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address not in _ALLOWED_V6 or any(address in net for net in _BLOCKED_V6):
        return True
    return not address.is_global


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address ``host`` spells, in any form the C resolver accepts, or None for a name.

    inet_aton() takes 1 to 4 dot-separated parts, each decimal, octal (leading 0) or hex (0x),
    the last part filling the remaining bytes: 127.1, 2130706433, 0x7f.1 and 0177.0.0.1 are all
    127.0.0.1. We decode them the same way so that none of them is taken for a name.
    """
    host = host.removesuffix(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_INET_PART.fullmatch(part) for part in parts):
        return None
    *leading, last = [_inet_number(part) for part in parts]
    if any(number > 255 for number in leading) or last >= 256 ** (4 - len(leading)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _inet_number(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if part.startswith("0"):
        return int(part, 8)
    return int(part)
