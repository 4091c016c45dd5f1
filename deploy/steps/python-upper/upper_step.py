#!/usr/bin/python3
"""Example Nearflow compute process: the step type `upper` uppercases a UTF-8 text file.

The framework agent starts this program and supervises it. It serves the gRPC service
nearflow.compute.v1.Compute (verticles/src/main/proto/nearflow_compute.proto) on
NEARFLOW_COMPUTE_HOST:NEARFLOW_COMPUTE_PORT, runs up to NEARFLOW_COMPUTE_SLOTS hops at once,
and stops cleanly on SIGTERM. Files travel by path: it reads the input file and writes one
output file, named like the input, into the hop's output directory.

Params: `fail` (a message: report the step's own error), `delayMs` (wait first; for timeout tests).
Needs Debian's python3-grpcio and python3-protobuf; no generated service stubs are used
(grpc's generic handler API), only the message classes in nearflow_compute_pb2.py.
"""
import os
import signal
import sys
import threading
import time
from concurrent import futures

try:
    import grpc
    import nearflow_compute_pb2 as pb
except ImportError as e:  # say what to install instead of a bare traceback in the agent's log
    sys.stderr.write("upper_step: %s; install: apt-get install -y python3-grpcio python3-protobuf\n" % e)
    sys.exit(3)

STEP_TYPE = "upper"
PROTOCOL_VERSION = 1
CHUNK_CHARS = 1 << 20


def describe(request, context):
    return pb.DescribeResponse(step_types=[STEP_TYPE], protocol_version=PROTOCOL_VERSION)


def run(request, context):
    started = time.perf_counter_ns()
    try:
        if request.step_type != STEP_TYPE:
            return pb.RunResponse(error="this process serves '%s', not '%s'" % (STEP_TYPE, request.step_type))
        if "fail" in request.params:
            return pb.RunResponse(error=request.params["fail"])
        delay_ms = int(request.params.get("delayMs", "0"))
        if delay_ms > 0:
            time.sleep(delay_ms / 1000.0)
        output = os.path.join(request.output_dir, os.path.basename(request.input_path))
        uppercase(request.input_path, output)
        return pb.RunResponse(output_paths=[output], compute_nanos=time.perf_counter_ns() - started)
    except Exception as e:  # the step's own error: report it, keep serving other hops
        return pb.RunResponse(error="%s: %s" % (type(e).__name__, e))


def uppercase(source, target):
    """Streams in chunks so a large input never sits in memory whole."""
    with open(source, "r", encoding="utf-8", newline="") as src, \
            open(target, "w", encoding="utf-8", newline="") as dst:
        while True:
            chunk = src.read(CHUNK_CHARS)
            if not chunk:
                break
            dst.write(chunk.upper())


def main():
    host = os.environ.get("NEARFLOW_COMPUTE_HOST", "127.0.0.1")
    port = int(os.environ["NEARFLOW_COMPUTE_PORT"])
    slots = int(os.environ.get("NEARFLOW_COMPUTE_SLOTS", "3"))
    handlers = grpc.method_handlers_generic_handler("nearflow.compute.v1.Compute", {
        "Describe": grpc.unary_unary_rpc_method_handler(
            describe, request_deserializer=pb.DescribeRequest.FromString,
            response_serializer=pb.DescribeResponse.SerializeToString),
        "Run": grpc.unary_unary_rpc_method_handler(
            run, request_deserializer=pb.RunRequest.FromString,
            response_serializer=pb.RunResponse.SerializeToString),
    })
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=slots))
    server.add_generic_rpc_handlers((handlers,))
    if server.add_insecure_port("%s:%d" % (host, port)) == 0:
        sys.stderr.write("upper_step: cannot bind %s:%d\n" % (host, port))
        sys.exit(2)
    server.start()

    stopping = threading.Event()

    def on_sigterm(signum, frame):
        # Let in-flight hops finish for a moment; the agent sends SIGKILL after its grace period.
        if not stopping.is_set():
            stopping.set()
            server.stop(grace=2)

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    print("upper_step: serving '%s' on %s:%d with %d slots (pid %d)" % (STEP_TYPE, host, port, slots, os.getpid()),
          flush=True)
    server.wait_for_termination()
    print("upper_step: stopped", flush=True)


if __name__ == "__main__":
    main()
