#!/usr/bin/python3
"""Nearflow bench: the WAN EMULATION relay (runs in the router network namespace; stdlib only).

The router's `iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports PORT` hands every TCP
connection between two zone namespaces to this relay. For each one it reads the original
destination (getsockopt SOL_IP / SO_ORIGINAL_DST), finds the source and destination zones from the
two addresses, waits one emulated round trip (the SYN / SYN-ACK the client did not pay: the
redirect was accepted at once), connects onward, and copies both directions with the link's
one-way delay (RTT / 2) and bandwidth. Bandwidth: each direction of a zone pair is one "wire"
shared by every connection crossing it (a chunk leaves when the wire is free plus its
serialisation time); each connection and direction has at most WINDOW bytes booked and not yet
delivered, like a TCP window, so concurrent connections share the wire (as EmulatedLinkRelay does
for the HTTP-only emulation). Loss, slow start and real TCP windows are not modelled.

A connection whose onward connect is refused is reset (the far host answered). One whose onward
connect fails otherwise (e.g. the destination zone is cut off: the router's OUTPUT chain drops it)
is black-holed: kept open, never answered, closed after BLACKHOLE_S, so the client
sees a silent peer as on a lost link, not a reset.

Control: a Unix socket (path in the config) taking one line per request:
  ping | scale <f> (multiply every delay by f; 0 = no delay, bandwidth pacing stays) | stats
Each answer is one JSON line. The relay exits when its parent dies or after maxSeconds.
"""
import asyncio
import ipaddress
import json
import os
import socket
import struct
import sys
import time

SO_ORIGINAL_DST = 80
CHUNK = 64 * 1024
WINDOW = 2 * 1024 * 1024  # above the 50 Mbit/s x 80 ms bandwidth-delay product (500 KB)
BLACKHOLE_S = 60.0

scale = 1.0
stats = {"connections": 0, "open": 0, "closedEof": 0, "closedError": 0, "connectFailed": 0, "connectRefused": 0, "unknownZone": 0, "loopRefused": 0}


class Direction:
    """One direction of one zone pair: a shared wire clock and a byte counter."""

    def __init__(self, src, dst, rtt_ms, mbps):
        self.src, self.dst, self.rtt_ms, self.mbps = src, dst, rtt_ms, mbps
        self.wire_free = 0.0
        self.bytes = 0

    def one_way(self):
        return self.rtt_ms * scale / 2000.0

    def reserve(self, n):
        now = time.monotonic()
        start = max(now, self.wire_free)
        self.wire_free = start + n * 8.0 / (self.mbps * 1e6)
        self.bytes += n
        return self.wire_free + self.one_way()


class Links:
    def __init__(self, cfg):
        self.zones = [(z, ipaddress.ip_network(n)) for z, n in cfg["zones"].items()]
        self.router_addrs = set(cfg["routerAddrs"].values())
        self.specs = {}
        intra = cfg["links"]["intraZone"]
        for z, _ in self.zones:
            self.specs[(z, z)] = (intra["rttMs"], intra["bandwidthMbps"])
        for b in cfg["links"]["between"]:
            a, c = b["zones"]
            self.specs[(a, c)] = self.specs[(c, a)] = (b["rttMs"], b["bandwidthMbps"])
        self.dirs = {}

    def zone_of(self, ip):
        addr = ipaddress.ip_address(ip)
        for z, net in self.zones:
            if addr in net:
                return z
        return None

    def direction(self, src, dst):
        d = self.dirs.get((src, dst))
        if d is None:
            rtt, mbps = self.specs[(src, dst)]
            d = self.dirs[(src, dst)] = Direction(src, dst, rtt, mbps)
        return d


def abort(w):
    try:
        w.transport.abort()
    except Exception:
        pass


async def pump(reader, writer, d, other_writer, done):
    """Copies reader -> writer across direction d; chunks are delivered at their booked times."""
    queue = asyncio.Queue()
    room = asyncio.Semaphore(WINDOW // CHUNK)

    async def read_side():
        try:
            while True:
                data = await reader.read(CHUNK)
                if not data:
                    break
                await room.acquire()
                queue.put_nowait((d.reserve(len(data)), data))
        except (ConnectionError, OSError) as e:
            print("wan-relay: %s->%s read failed: %r" % (d.src, d.dst, e), file=sys.stderr, flush=True)
        queue.put_nowait((time.monotonic() + d.one_way(), None))

    async def write_side():
        try:
            while True:
                at, data = await queue.get()
                wait = at - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if data is None:
                    if writer.can_write_eof() and not writer.is_closing():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
                room.release()
        except (ConnectionError, OSError) as e:
            stats["closedError"] += 1
            print("wan-relay: %s->%s write failed: %r" % (d.src, d.dst, e), file=sys.stderr, flush=True)
            abort(writer)
            abort(other_writer)

    r = asyncio.ensure_future(read_side())
    try:
        await write_side()
    finally:
        for _ in range(WINDOW // CHUNK):
            room.release()
        done.append(1)
        if len(done) == 2:
            stats["closedEof"] += 1
            r.cancel()
            for w in (writer, other_writer):
                try:
                    w.close()
                except Exception:
                    pass


async def handle(links, relay_port, reader, writer):
    stats["connections"] += 1
    stats["open"] += 1
    try:
        sock = writer.get_extra_info("socket")
        peer = writer.get_extra_info("peername")
        raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
        port, ip = struct.unpack("!2xH4s8x", raw)
        dst_ip = socket.inet_ntoa(ip)
        if dst_ip in links.router_addrs and port == relay_port:
            stats["loopRefused"] += 1
            abort(writer)
            return
        src_zone, dst_zone = links.zone_of(peer[0]), links.zone_of(dst_ip)
        if src_zone is None or dst_zone is None:
            stats["unknownZone"] += 1
            abort(writer)
            return
        fwd, back = links.direction(src_zone, dst_zone), links.direction(dst_zone, src_zone)
        await asyncio.sleep(2 * fwd.one_way())  # EMULATION of the connection set-up round trip
        try:
            ur, uw = await asyncio.wait_for(asyncio.open_connection(dst_ip, port), timeout=20)
        except ConnectionRefusedError:
            stats["connectRefused"] += 1  # the far host answered (no listener): pass the reset on
            abort(writer)
            return
        except (OSError, asyncio.TimeoutError):
            stats["connectFailed"] += 1
            await asyncio.sleep(BLACKHOLE_S)  # a silent peer, as on a lost link
            abort(writer)
            return
        for w in (writer, uw):
            s = w.get_extra_info("socket")
            if s is not None:
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        done = []
        await asyncio.gather(pump(reader, uw, fwd, writer, done), pump(ur, writer, back, uw, done))
    except Exception as e:  # never let one connection take the relay down
        print("wan-relay: connection error: %r" % (e,), file=sys.stderr)
        abort(writer)
    finally:
        stats["open"] -= 1


async def control(links, reader, writer):
    global scale
    try:
        line = (await reader.readline()).decode().strip()
        if line.startswith("scale "):
            scale = float(line.split()[1])
            out = {"scale": scale}
        elif line == "stats":
            out = dict(stats)
            out["scale"] = scale
            out["bytes"] = {"%s->%s" % k: d.bytes for k, d in sorted(links.dirs.items())}
        else:
            out = {"pong": True, "scale": scale}
        writer.write((json.dumps(out) + "\n").encode())
        await writer.drain()
    finally:
        writer.close()


async def main(cfg_path):
    cfg = json.load(open(cfg_path))
    links = Links(cfg)
    port = cfg["port"]
    server = await asyncio.start_server(lambda r, w: handle(links, port, r, w), "0.0.0.0", port, backlog=512)
    ctl_path = cfg["controlSocket"]
    if os.path.exists(ctl_path):
        os.unlink(ctl_path)
    ctl = await asyncio.start_unix_server(lambda r, w: control(links, r, w), ctl_path)
    parent = os.getppid()
    deadline = time.monotonic() + cfg.get("maxSeconds", 3600)
    print("wan-relay: listening on %d, control %s" % (port, ctl_path), file=sys.stderr, flush=True)
    async with server, ctl:
        while time.monotonic() < deadline and os.getppid() == parent:
            await asyncio.sleep(1)
    print("wan-relay: exiting (parent gone or maxSeconds)", file=sys.stderr, flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
