// Evaluates the explorer's port for tests/test_explorer_port.py, in Node or in a page.
// Input (JSON): {"x": base64 of little-endian float64s, "cases": [[name, "f" | "grad", params], ...]}.
// Output: one base64 float64 array per case; base64 keeps every bit (nan, ±inf, -0.0).
function runPortCases(request, decode, encode) {
  const xs = decode(request.x);
  return request.cases.map(([name, which, params]) => {
    const fn = name === "erfc" ? ReluActivations.erfc : ReluActivations[name][which];
    const ys = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) ys[i] = fn(xs[i], params);
    return encode(ys);
  });
}

if (typeof module !== "undefined" && require.main === module) {
  // node explorer_port_runner.js PORT_FILE < request.json
  require(process.argv[2]);
  const request = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const decode = (b64) => {
    const bytes = Buffer.from(b64, "base64");
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  };
  const encode = (ys) => Buffer.from(ys.buffer).toString("base64");
  const meta = Object.fromEntries(Object.entries(ReluActivations).map(([k, v]) => [k, v.parameters]));
  process.stdout.write(JSON.stringify({results: runPortCases(request, decode, encode), parameters: meta}));
}
