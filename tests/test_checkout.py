"""A bare checkout imports: schemas/ and prompts/ at the top of the repository serve as extractor.schemas and
extractor.prompts with no install (extractor/checkout.py), templates included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]

# Run in the copy with the install's own finder removed, so the copy's files are the ones imported.
PROBE = """
import sys
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
import extractor
from extractor.prompting import load_template
import extractor.schemas.record
print(extractor.extract)
print(extractor.__file__)
print(extractor.schemas.record.__file__)
print(load_template("default").name)
"""


def test_the_package_imports_from_a_checkout_that_is_not_installed(tmp_path: Path) -> None:
    ignored = shutil.ignore_patterns("__pycache__")
    for folder in ("extractor", "schemas", "prompts"):
        shutil.copytree(REPOSITORY / folder, tmp_path / folder, ignore=ignored)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    function, package, schema, template = result.stdout.splitlines()
    assert function.startswith("<function extract")
    assert Path(package) == tmp_path / "extractor" / "__init__.py"
    assert Path(schema) == tmp_path / "schemas" / "record.py"
    assert template == "default"
