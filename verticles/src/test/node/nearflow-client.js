'use strict';
// A Nearflow gRPC client outside the JVM, as a user would write one: it loads nearflow_api.proto
// as shipped (no generated code) and drives RegisterWorkflow, SubmitData (client streaming),
// WatchRun (server streaming) and GetRun.
//
//   node nearflow-client.js <host:port> <proto dir> <workflow file> <data file> <zone>
//
// Prints one JSON object per line on stdout; on failure prints the gRPC status and message on
// stderr and exits 1. Needs `npm ci` in this folder first.
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [address, protoDir, workflowFile, dataFile, zone] = process.argv.slice(2);
if (!zone) {
  console.error('usage: node nearflow-client.js <host:port> <proto dir> <workflow file> <data file> <zone>');
  process.exit(2);
}

const definition = protoLoader.loadSync('nearflow_api.proto', {
  includeDirs: [protoDir], longs: String, enums: String, defaults: true, oneofs: true,
});
const api = grpc.loadPackageDefinition(definition).nearflow.v1;
const client = new api.Nearflow(address, grpc.credentials.createInsecure());
const CHUNK = 64 * 1024;

const within = (seconds) => ({ deadline: new Date(Date.now() + seconds * 1000) });
const print = (obj) => console.log(JSON.stringify(obj));

function unary(method, request) {
  return new Promise((resolve, reject) =>
    client[method](request, within(30), (err, res) => (err ? reject(err) : resolve(res))));
}

// The header first, then the bytes; write() returning false means the server is behind.
function submit(workflow, bytes) {
  return new Promise((resolve, reject) => {
    const call = client.SubmitData(within(60), (err, run) => (err ? reject(err) : resolve(run)));
    call.write({ header: { workflow, upload: { zone } } });
    let at = 0;
    const pump = () => {
      while (at < bytes.length) {
        const more = call.write({ chunk: bytes.subarray(at, at + CHUNK) });
        at += CHUNK;
        if (!more) {
          call.once('drain', pump);
          return;
        }
      }
      call.end();
    };
    pump();
  });
}

function watch(runId) {
  return new Promise((resolve, reject) => {
    const events = [];
    const stream = client.WatchRun({ runId }, within(120));
    stream.on('data', (e) => {
      events.push(e);
      print({ event: e.type, name: e.name, state: e.run ? e.run.state : e.hop.state, step: e.hop ? e.hop.step : null });
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(events));
  });
}

async function main() {
  const wf = await unary('RegisterWorkflow', {
    content: fs.readFileSync(workflowFile, 'utf8'), source: path.basename(workflowFile),
  });
  print({ registered: wf.name, version: wf.version, steps: wf.steps.map((s) => s.name) });

  const run = await submit(wf.name, fs.readFileSync(dataFile));
  print({ submitted: run.runId, state: run.state, sizeBytes: run.input.sizeBytes, zone: run.input.locality.zone });

  const events = await watch(run.runId);
  print({ watched: events.length });

  const final = await unary('GetRun', { runId: run.runId });
  print({
    final: final.state,
    hops: final.hops.map((h) => ({ step: h.step, zone: h.instanceZone, totalMs: h.durations.totalMs })),
  });

  try {
    await unary('GetRun', { runId: 'no-such-run' });
    print({ unexpected: 'GetRun of an unknown run succeeded' });
  } catch (err) {
    print({ errorCode: grpc.status[err.code], details: err.details });
  }
  client.close();
}

main().catch((err) => {
  const status = err.code !== undefined ? `${grpc.status[err.code]}: ` : '';
  console.error(`nearflow-client: ${status}${err.details || err.message}`);
  process.exit(1);
});
