#!/usr/bin/python3
"""PyTorch's answers to the service's own OpenAPI request examples, so that the documentation is
executed against the oracle, not against a copy of the service's output.

    /usr/bin/python3 scripts/golden/generate_examples.py

Reads src/main/resources/openapi/examples/*.json; for each example that names the operation
`backprop` and uses a release 1.1 option, computes its /backprop answer with generate_v11's
autograd reference; for each that names `train`, its /train answer with generate_train's
torch.optim reference. Writes src/test/resources/golden/openapi-example-cases.jsonl, one
{"name": "openapi-example/<file>", "request", "response"} per line, in file-name order.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_v11  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "src" / "main" / "resources" / "openapi" / "examples"
OUT = ROOT / "src" / "test" / "resources" / "golden" / "openapi-example-cases.jsonl"


def main():
    lines = []
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text(encoding="utf-8"))
        request = example["value"]
        if "backprop" in example["operations"] and not generate_v11.is_v1_request(request):
            response, _ = generate_v11.backprop(request)
        elif "train" in example["operations"]:
            import generate_train
            response = generate_train.train(request)
        else:
            continue
        lines.append(json.dumps({"name": "openapi-example/" + path.stem, "request": request, "response": response},
                                separators=(",", ":"), allow_nan=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote %s: %d examples" % (OUT.relative_to(ROOT), len(lines)))


if __name__ == "__main__":
    main()
