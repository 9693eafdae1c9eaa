"""A real SMTP server for the tests: aiosmtpd on loopback, keeping each
message it accepts as DIR/<n>.eml (written whole, then renamed).

Recipients whose local part starts with "reject" get a permanent 550 and
those starting with "busy" a temporary 451, as real servers answer.

    python sink.py DIR PORT [DELAY]
prints "ready" once it listens, and runs until it is killed. With DELAY
(seconds) it takes that long over each message, as a slow server does.
"""
import asyncio
import itertools
import os
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, delay):
        self.out = out
        self.delay = delay
        self.seq = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        n = next(self.seq)
        tmp = os.path.join(self.out, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.out, f"{n:05}.eml"))
        return "250 2.0.0 Message accepted"


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    controller = Controller(Sink(out, delay), hostname="127.0.0.1", port=port, decode_data=False)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
