#!/bin/sh
# Regenerates nearflow_compute_pb2.py from the protocol's single source of truth.
# Use Debian's protoc (protobuf-compiler 3.21) so the code matches Debian's python3-protobuf
# runtime; a newer protoc emits code that refuses to load on that runtime.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
proto_dir="$here/../../../verticles/src/main/proto"
protoc --proto_path="$proto_dir" --python_out="$here" "$proto_dir/nearflow_compute.proto"
