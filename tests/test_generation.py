"""generated/ is exactly what `make generate` makes, and `make check` fails whenever it is not."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples, node_tools

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generated" / "binance_coinm_openapi"
HEADER = "# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).\n"


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The parts of the repository that `make check` reads, with modification times kept."""
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("spec", "generator", "generated", "overrides", "tests", "docs", ".github"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in (
        "Makefile",
        "pyproject.toml",
        "requirements-dev.txt",
        "package.json",
        "package-lock.json",
        "redocly.yaml",
        "CHANGELOG.md",
    ):
        shutil.copy2(ROOT / name, copy / name)
    (copy / "node_modules").symlink_to(node_tools())
    return copy


def make_check(repo: Path) -> subprocess.CompletedProcess[str]:
    """`make check` in repo, with this environment's interpreter standing in for the .venv it would set up."""
    return make(repo, "check")


def make(repo: Path, target: str) -> subprocess.CompletedProcess[str]:
    """`make target` in repo, with this environment's interpreter standing in for the .venv it would set up."""
    venv = Path(sys.executable).parent.parent
    installed, node_tools, version = repo / ".installed", repo / ".node-installed", repo / ".installed-version"
    for stamp in (installed, node_tools, version):
        stamp.touch()  # newer than their prerequisites: make reinstalls neither Python nor npm tools
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(repo),
            target,
            f"VENV={venv}",
            f"INSTALLED={installed}",
            f"NODE_TOOLS={node_tools}",
            f"INSTALLED_VERSION={version}",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_check_fails_on_a_hand_edited_generated_file(repo_copy: Path) -> None:
    target = repo_copy / "generated" / "binance_coinm_openapi" / "models" / "order.py"
    target.write_text(target.read_text().replace("def to_dict(self)", "def to_dict(self)  ", 1))
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "generated/binance_coinm_openapi/models/order.py (committed)" in result.stderr


def test_make_check_fails_on_a_stale_generated_tree(repo_copy: Path) -> None:
    spec = repo_copy / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("description: Average fill price.", "description: Mean fill price."))
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "Mean fill price" in result.stderr and "stamp.json" in result.stderr


def test_make_check_fails_on_stale_reference_docs(repo_copy: Path) -> None:
    docs = repo_copy / "docs" / "reference.zh-CN.md"
    docs.write_text(docs.read_text().replace("平均成交价", "均价"))
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "docs/ is stale" in result.stderr and "reference.zh-CN.md (committed)" in result.stderr


def test_make_check_fails_on_a_stray_file_in_generated(repo_copy: Path) -> None:
    (repo_copy / "generated" / "binance_coinm_openapi" / "models" / "leftover.py").write_text("X = 1\n")
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "stray file): generated/binance_coinm_openapi/models/leftover.py" in result.stderr


def test_make_check_fails_on_a_description_without_chinese(repo_copy: Path) -> None:
    spec = repo_copy / "spec" / "openapi.yaml"
    text = spec.read_text()
    assert "x-description-zh: 成交量（张数）。\n" in text
    spec.write_text(text.replace("          x-description-zh: 成交量（张数）。\n", ""))
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "#/components/schemas/Order/properties/executedQty: description has no Chinese" in result.stderr


def test_make_check_fails_on_an_invalid_spec(repo_copy: Path) -> None:
    spec = repo_copy / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("          in: query\n", "          in: body\n", 1))
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "not valid OpenAPI" in result.stderr


def bump_minor(spec: Path) -> str:
    """Bump the spec's info.version to the next minor version, whatever it is now; returns the new version."""
    text = spec.read_text(encoding="utf-8")
    current = yaml.safe_load(text)["info"]["version"]
    major, minor, _ = (int(part) for part in current.split("."))
    bumped = f"{major}.{minor + 1}.0"
    spec.write_text(text.replace(f"  version: {current}\n", f"  version: {bumped}\n", 1), encoding="utf-8")
    return bumped


def test_make_check_fails_on_a_version_bump_without_a_changelog_entry(repo_copy: Path) -> None:
    bumped = bump_minor(repo_copy / "spec" / "openapi.yaml")
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert f"CHANGELOG.md: the newest entry must be for info.version {bumped}" in result.stderr


def test_package_version_is_the_spec_version() -> None:
    from importlib.metadata import version

    import binance_coinm
    import yaml

    spec_version = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))["info"]["version"]
    assert binance_coinm.__version__ == version("binance-coinm") == spec_version


def test_the_untouched_copy_passes_the_drift_check(repo_copy: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(repo_copy / "generator" / "regenerate.py"), "check"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_generation_is_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "generator"))
    try:
        import regenerate
    finally:
        sys.path.pop(0)
    first, second = tmp_path / "a", tmp_path / "b"
    regenerate.render(first)
    regenerate.render(second)
    assert regenerate.compare(first, second) == []
    assert regenerate.compare(first, ROOT / "generated") == []


def test_every_generated_file_carries_the_do_not_edit_header() -> None:
    files = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) >= 20
    for path in files:
        if path.suffix == ".json":  # JSON has no comments: the header is its first key
            key, value = next(iter(json.loads(path.read_text(encoding="utf-8")).items()))
            assert key == "x-generated" and value.startswith(HEADER.strip()), path
        else:
            assert path.read_text(encoding="utf-8").startswith(HEADER), path


def test_stamp_records_spec_hash_and_generator_version() -> None:
    stamp = json.loads((ROOT / "generated" / "stamp.json").read_text())
    assert stamp["spec_sha256"] == hashlib.sha256((ROOT / "spec" / "openapi.yaml").read_bytes()).hexdigest()
    assert stamp["generator"] == "openapi-python-client==0.29.1"
    assert re.fullmatch(r"[0-9a-f]{64}", stamp["config_and_templates_sha256"])


def test_generated_code_never_imports_overrides() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+binance_coinm\b(?!_openapi)", path.read_text(), re.M), path


def test_custom_templates_name_their_origin_on_the_first_line() -> None:
    for template in (ROOT / "generator" / "templates").glob("*.jinja"):
        first = template.read_text().splitlines()[0]
        assert first.startswith("{# Copied from openapi-python-client 0.29.1 templates/") and "Differs:" in first


def test_docstrings_carry_both_languages() -> None:
    from binance_coinm_openapi.api.trade import query_current_open_order as endpoint
    from binance_coinm_openapi.models import Order, OrderStatus

    doc = endpoint.sync_detailed.__doc__ or ""
    assert "Query Current Open Order (USER_DATA) / 查询当前挂单 (USER_DATA)" in doc
    assert "`GET /dapi/v1/openOrder` · Weight: 1 · Security type: USER_DATA" in doc
    assert "系统订单号" in doc and "System order ID" in doc  # a parameter
    assert "平均成交价" in (Order.__doc__ or "") and "Average fill price" in (Order.__doc__ or "")
    assert "部分成交" in (OrderStatus.__doc__ or "")


def test_make_check_fails_on_a_breaking_change_without_the_bump_semver_asks(repo_copy: Path) -> None:
    spec = repo_copy / "spec" / "openapi.yaml"
    shutil.copy2(spec, repo_copy / "spec" / "released" / "openapi.yaml")  # as if this version were just released
    spec.write_text(spec.read_text(encoding="utf-8").replace("maximum: 60000", "maximum: 10000", 1), encoding="utf-8")
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert "breaking" in result.stdout and "recvWindow/schema/maximum" in result.stdout
    assert "spec-diff: a breaking change needs info.version" in result.stderr


def test_make_check_lints_the_workflows(repo_copy: Path) -> None:
    workflow = repo_copy / ".github" / "workflows" / "ci.yml"
    workflow.write_text(workflow.read_text(encoding="utf-8") + "      - run: echo ${{ github.evnt }}\n")
    result = make_check(repo_copy)
    assert result.returncode != 0
    assert 'ci.yml:23:23: property "evnt" is not defined' in result.stderr


def test_the_regenerate_workflows_spec_diff_step_writes_the_job_summary(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = yaml.safe_load((repo_copy / ".github" / "workflows" / "regenerate.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["regenerate"]["steps"]]
    command = next(run for run in steps if "spec-diff" in run).split("#")[0].split()
    assert command[:2] == ["make", "spec-diff"]
    released = yaml.safe_load((repo_copy / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    released["paths"].pop("/dapi/v1/order")  # as if the last release had been without it
    released["info"]["version"] = "0.0.1"
    (repo_copy / "spec" / "released" / "openapi.yaml").write_text(yaml.safe_dump(released), encoding="utf-8")
    summary = repo_copy / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = make(repo_copy, " ".join(command[1:]))
    assert result.returncode == 0, result.stderr
    assert "| additive | `#/paths/~1dapi~1v1~1order` | path /dapi/v1/order added |" in summary.read_text(
        encoding="utf-8"
    )


def test_maintainer_notes_reach_no_rendered_output(repo_copy: Path) -> None:
    # x-maintainer-note is for spec writers (why a pattern differs from Binance's, where a field was seen): the
    # reference docs, the models' docstrings and field descriptions (which the CLI prints) never show it.
    spec_path = repo_copy / "spec" / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    marked = []

    def mark(node: object) -> None:
        if isinstance(node, dict):
            if "x-maintainer-note" in node:
                node["x-maintainer-note"] = "NOTE-FOR-SPEC-WRITERS-ONLY"
                marked.append(node)
            for value in node.values():
                mark(value)
        elif isinstance(node, list):
            for value in node:
                mark(value)

    mark(spec)
    assert len(marked) >= 5
    spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for script in ("regenerate.py", "docs.py"):
        done = subprocess.run([sys.executable, str(repo_copy / "generator" / script), "generate"],
                              capture_output=True, text=True, check=False, cwd=repo_copy)  # fmt: skip
        assert done.returncode == 0, done.stderr
    rendered = [*(repo_copy / "generated").rglob("*.py"), *(repo_copy / "docs").glob("*.md")]
    assert len(rendered) > 10
    assert [str(p) for p in rendered if "NOTE-FOR-SPEC-WRITERS-ONLY" in p.read_text(encoding="utf-8")] == []


_QUERY_VALUE = st.one_of(st.text(), st.integers(), st.booleans(), st.decimals(allow_nan=False, allow_infinity=False))


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.text(min_size=1), st.one_of(_QUERY_VALUE, st.lists(_QUERY_VALUE, max_size=3)), max_size=6))
def test_the_generated_query_encoding_is_httpxs(params: dict[str, object]) -> None:
    """The generated builders encode the query themselves (encode_query): the bytes must stay httpx's, which the
    sync client used to send and the signature covers."""
    import httpx
    from binance_coinm_openapi.types import encode_query

    assert encode_query(params) == str(httpx.QueryParams(params))  # type: ignore[arg-type]


def test_generated_classes_take_weak_references_as_attrs_classes_did() -> None:
    import weakref

    from binance_coinm import RetryPolicy
    from binance_coinm_openapi.models import ServerTime

    for instance in (ServerTime.from_dict({"serverTime": 1}), RetryPolicy()):
        assert weakref.ref(instance)() is instance


def test_the_generated_client_keeps_the_stock_constructor_and_builders() -> None:
    # client.py.jinja writes the stock attrs classes out as plain classes: same arguments, same copies.
    import httpx
    from binance_coinm_openapi.client import AuthenticatedClient, Client

    client = Client("http://127.0.0.1:9", headers={"A": "1"}, raise_on_unexpected_status=True)
    changed = client.with_headers({"B": "2"}).with_cookies({"c": "3"}).with_timeout(httpx.Timeout(1.5))
    assert type(changed) is Client and changed is not client and changed.raise_on_unexpected_status
    with changed.get_httpx_client() as http:
        assert (http.headers["A"], http.headers["B"], http.cookies["c"]) == ("1", "2", "3")
        assert http.timeout == httpx.Timeout(1.5) and str(http.base_url) == "http://127.0.0.1:9"
    with client.get_httpx_client() as http:
        assert (
            "B" not in http.headers and not http.cookies and http.timeout == httpx.Timeout(None)
        )  # as the stock client: no timeout given

    authenticated = AuthenticatedClient("http://127.0.0.1:9", "t0ken").with_headers({"B": "2"})
    assert type(authenticated) is AuthenticatedClient and "t0ken" not in repr(authenticated)
    with authenticated.get_httpx_client() as http:
        assert (http.headers["Authorization"], http.headers["B"]) == ("Bearer t0ken", "2")
    bare = AuthenticatedClient("http://127.0.0.1:9", "t0ken", prefix="", auth_header_name="X-Token")
    with bare.get_httpx_client() as http:
        assert http.headers["X-Token"] == "t0ken" and "Authorization" not in http.headers
