"""moto in a process of its own for the P1 benchmark.

Seeds issue 8's 20,000-object bucket (`bench`) straight into moto's in-memory backend
(seconds, where 20,000 PutObject requests take minutes), then serves it over HTTP on
127.0.0.1 and an ephemeral port, prints {"endpoint": ...} on one line, and serves until
SIGTERM. The keys are the same as test/support/s3/IssueLayout.ts makes.
"""
import json
import os
import signal
import sys
import threading

os.environ.setdefault("AWS_ACCESS_KEY_ID", "S3RVER")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "S3RVER")

from moto.core import DEFAULT_ACCOUNT_ID  # noqa: E402
from moto.s3.models import s3_backends  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402


def pool_uuid(i):
    head = format(i * 2654435761 % 2**32, "08x")
    return f"{head}-{i % 10000:04d}-4000-8000-{i:012x}"


def layout():
    for client in range(1, 501):
        for doc in range(1, (27 if client <= 333 else 26) + 1):
            yield f"{client}/Client_{client}/doc-{doc}.pdf", f"client {client} document {doc}"
    for i in range(6667):
        yield f"files/{pool_uuid(i)}.pdf", f"pool file {i}"


server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
backend = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
backend.create_bucket("bench", "us-east-1")
for key, body in layout():
    backend.put_object("bench", key, body.encode())
print(json.dumps({"endpoint": f"http://{host}:{port}"}), flush=True)

stopped = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stopped.set())
stopped.wait()
server.stop()
sys.exit(0)
