#!/usr/bin/env python3
"""Holds N idle keep-alive connections open to an HTTP server.

    idle_conns.py HOST PORT N

Opens N connections (a few hundred at a time, so the server's accept
backlog never overflows), sends one GET / on each and reads its response,
so the server has accepted and served every one; then prints "ready N OK"
(OK: how many got a 200) and keeps them all open, idle, until stdin closes
or the process is killed. The server's memory is read while they are held.
"""
import asyncio
import resource
import sys

BATCH = 200


async def one(host, port, request, conns):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
        writer.write(request)
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        if length:
            await asyncio.wait_for(reader.readexactly(length), 30)
        conns.append(writer)
        return head.startswith(b"HTTP/1.1 200")
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        return False


async def main():
    host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 100), hard))
    request = f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    conns = []
    ok = 0
    for start in range(0, n, BATCH):
        results = await asyncio.gather(*(one(host, port, request, conns) for _ in range(min(BATCH, n - start))))
        ok += sum(results)
    print(f"ready {len(conns)} {ok}", flush=True)
    # Hold them until told to stop (stdin closed) or killed.
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    for w in conns:
        w.close()


if __name__ == "__main__":
    asyncio.run(main())
