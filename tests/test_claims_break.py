"""Claims cannot lie: change the code so that a sentence on a real page becomes
false, and the build fails naming the sentence's file and line.

The tests copy the project with only the notebooks they need, edit the code in
the copy as a developer would, and build it as ``make html`` does (strict).
The sentence in the message is the page's sentence as the edited code renders
it, so the reader of the failure sees what the page would have said.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from helpers import build, copy_project, edit, edit_activations


def _claim_line(project, notebook: str, name: str) -> int:
    """The line of the ```{claim} name``` block in the copied notebook."""
    lines = (project / "docs" / "notebooks" / f"{notebook}.md").read_text(encoding="utf-8").splitlines()
    return lines.index(f"```{{claim}} {name}") + 1


def _failed_on(result, notebook: str, line: int, sentence: str) -> str:
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-3000:]
    assert "Traceback" not in out, out[-3000:]
    where = f"docs/notebooks/{notebook}.md:{line}: WARNING: claim does not hold: "
    pattern = re.escape(where) + sentence + r".*? \("
    assert re.search(pattern, out), f"no {pattern!r} in:\n" + "\n".join(
        ln for ln in out.splitlines() if "WARNING" in ln
    )
    return out


#: Three edits a developer might make, each breaking one reading's claim; one build
#: of the three readings shows each failure at its own sentence.
READINGS = ["relu", "vanishing-gradient", "initialization"]


@pytest.fixture(scope="module")
def broken_readings(tmp_path_factory):
    root = tmp_path_factory.mktemp("claims")
    project = copy_project(root / "p", notebooks=READINGS)
    # the "simpler" relu many tutorials write; nothing else on the site depends on NaN
    edit_activations(project, "return np.maximum(x, 0)\n", "return np.where(x > 0, x, 0.0)\n")
    # the experiment as it was: the loss averaged the outputs, and ReLU's ratio came out 2 to 4
    edit(project / "src" / "relu_glossary" / "demos.py",
         'grad = rng.standard_normal(x.shape) if upstream == "random" else np.full(x.shape, 1 / x.size)',
         "grad = np.full(x.shape, 1 / x.size)")  # fmt: skip
    # He initialisation without its factor two
    edit(project / "src" / "relu_glossary" / "demos.py",
         'INIT_GAIN = {"he": 2.0, "xavier": 1.0}', 'INIT_GAIN = {"he": 1.0, "xavier": 1.0}')  # fmt: skip
    return project, build(project, root / "out")


def test_a_relu_that_drops_nan_cannot_say_it_passes_nan_on(broken_readings):
    project, result = broken_readings
    line = _claim_line(project, "relu", "ours_clean")
    # math in the sentence is quoted as its LaTeX source
    sentence = "このサイトの relu は、-0.0 を作らず、-\\infty で 0 を返し、NaN はそのまま伝えます。"
    _failed_on(result, "relu", line, re.escape(sentence))


def test_the_all_ones_upstream_gradient_is_caught_by_the_relu_claim(broken_readings):
    project, result = broken_readings
    line = _claim_line(project, "vanishing-gradient", "relu_kept")
    out = _failed_on(result, "vanishing-gradient", line,
                     r"ReLU では比の中央値が \S+ で、30 層をさかのぼっても大きさの桁は変わりません。")  # fmt: skip
    assert re.search(r"relu_kept|0\.5 < relu < 2; relu = \S+", out)


def test_he_initialisation_without_its_factor_two_cannot_claim_to_keep_the_size(broken_readings):
    project, result = broken_readings
    line = _claim_line(project, "initialization", "relu_he_kept")
    _failed_on(result, "initialization", line, re.escape("ReLU + He：出力の二乗の期待値は層を通っても変わらず"))


def test_relu_with_half_the_slope_stops_the_build_at_the_yaml_claims(tmp_path):
    # relu(2) = 1: the term pages' claims fail first, at their fields, and no page is built
    project = copy_project(tmp_path / "p", notebooks=["relu"])
    edit_activations(project, "return np.maximum(x, 0)\n", "return np.maximum(x / 2, 0)\n")
    result = build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out, out[-3000:]
    reflected = (project / "glossary" / "reflected-relu.yaml").read_text(encoding="utf-8").splitlines()
    field = next(i for i, ln in enumerate(reflected, 1) if ln.startswith("definition:"))
    expected = (rf"glossary/reflected-relu\.yaml:{field}:\d+: error: claim does not hold: "
                r"ReLU と足すと絶対値 \$\|x\|\$ に、ReLU から引くと \$x\$ になります \(.*relu\.f\(2\) = 1")  # fmt: skip
    assert re.search(expected, out), out[-3000:]
    assert "the site was not built" in out


def test_a_yaml_claim_fails_at_its_field_when_the_code_changes(tmp_path):
    project = copy_project(tmp_path / "p", notebooks=[])
    edit_activations(project, "    return s * (1.0 - s)\n", "    return 2.0 * s * (1.0 - s)\n")
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    result = subprocess.run([sys.executable, "-m", "relu_glossary.cli", "check", "glossary"], cwd=project, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    sigmoid = (project / "glossary" / "sigmoid.yaml").read_text(encoding="utf-8").splitlines()
    field = next(i for i, ln in enumerate(sigmoid, 1) if ln.startswith("definition:"))
    expected = (rf"sigmoid\.yaml:{field}:\d+: error: claim does not hold: "
                r"最大でも \$x = 0\$ での値 \$1/4\$ にしかなりません \(this\.max_abs_grad == 1/4")  # fmt: skip
    assert re.search(expected, result.stderr), result.stderr
