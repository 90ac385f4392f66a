"""Record a Batch API output file from real calls: each exported request sent to the embedded llama.cpp server.

llama.cpp refuses OpenAI's json_schema response_format with HTTP 500, so each body is sent with the same
schema in llama.cpp's dialect; the answers are written in the Batch API output format.

    python tests/data/openai_batch/record.py requests.jsonl results.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx

from extractor.client import every_key_required
from extractor.local_models import get_local_model
from extractor.server import EmbeddedServer, running_server


def main(requests_path: Path, results_path: Path) -> None:
    served = running_server("qwen2.5-coder-1.5b")
    server = None if served else EmbeddedServer(get_local_model("qwen2.5-coder-1.5b")).start()
    base_url = served.base_url if served else server.base_url
    with results_path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(requests_path.read_text(encoding="utf-8").splitlines(), start=1):
            request = json.loads(line)
            body = dict(request["body"])
            schema = body.pop("response_format")["json_schema"]["schema"]
            body["response_format"] = {"type": "json_object", "schema": every_key_required(schema)}
            response = httpx.post(f"{base_url}/chat/completions", json=body, timeout=900)
            out.write(
                json.dumps(
                    {
                        "id": f"batch_req_{number}",
                        "custom_id": request["custom_id"],
                        "response": {
                            "status_code": response.status_code,
                            "request_id": f"req_{number}",
                            "body": response.json(),
                        },
                        "error": None,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    if server:
        server.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
