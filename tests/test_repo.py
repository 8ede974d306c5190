"""House rules checked by tests: the core never imports Streamlit, the README's commands are the
ones CI runs, and every CLI command is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    """The README's set-up commands: the lines of the first two ```bash blocks after '## Cài đặt'."""
    text = _readme()
    section = text.split("## Cài đặt", 1)[1]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [b.strip() for b in blocks[:2]]


def test_core_never_imports_streamlit():
    for path in (ROOT / "gender_targets").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "streamlit" or n.startswith("streamlit.") for n in names), path


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    app_cmd, test_cmd = _setup_commands()
    assert "\n" not in app_cmd and "\n" not in test_cmd
    assert "pip install -r requirements.txt" in app_cmd and "streamlit run app.py" in app_cmd
    assert "requirements-test.txt" in test_cmd and "pytest" in test_cmd
    ci_lines = [
        ln.strip()
        for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.strip().startswith("#")
    ]
    # the last command of .ci/run is the README's test command (pip made quiet is the only difference)
    assert ci_lines[-1].replace("pip install -q ", "pip install ") == test_cmd


def test_every_cli_command_is_documented():
    from gender_targets.cli import COMMANDS

    text = _readme()
    for name in COMMANDS:
        assert f"python -m gender_targets {name}" in text, name


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, f"{name}: {line} is not pinned"


def test_readme_has_the_windows_powershell_equivalents():
    """The Windows subsection holds two PowerShell commands doing what the two POSIX ones do (same
    requirements file, same final command), written for Windows PowerShell 5.1 (no ``&&``)."""
    section = _readme().split("## Cài đặt", 1)[1].split("\n## ", 1)[0]
    assert "### Trên Windows (PowerShell)" in section
    windows = section.split("### Trên Windows (PowerShell)", 1)[1]
    app_cmd, test_cmd = [b.strip() for b in re.findall(r"```powershell\n(.*?)```", windows, flags=re.S)]
    for cmd in (app_cmd, test_cmd):
        assert "\n" not in cmd and "&&" not in cmd
        assert cmd.startswith("py -3.11 -m venv .venv;")
    assert "pip install -r requirements.txt" in app_cmd and app_cmd.endswith("-m streamlit run app.py }")
    assert "pip install -r requirements-test.txt" in test_cmd and test_cmd.endswith("-m pytest }")
    # the POSIX set-up commands are still the first two bash blocks, before the Windows subsection
    assert section.index("```bash") < section.index("### Trên Windows (PowerShell)")


def test_every_page_address_has_its_first_visit_file():
    """Each url of app.py's registry has pages/<url>.py, whose gate runs app.py (see ui/gate.py:
    Streamlit's first script run on a fresh server looks addresses up among pages/*.py)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    urls = [
        node.args[3].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "PageEntry" and len(node.args) >= 4
    ]
    assert len(urls) >= 7, urls
    for url in urls:
        shim = ROOT / "pages" / f"{url}.py"
        assert shim.exists(), f"pages/{url}.py is missing"
        assert "page_gate(__file__)" in shim.read_text(encoding="utf-8")
