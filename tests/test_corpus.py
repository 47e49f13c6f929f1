"""The corpus of answers (spec/examples/corpus.yaml) against the spec's schema and three clients made from the spec:
ours in Python (over loopback, both clients), a generated TypeScript client (typescript-fetch, run under node) and a
generated Java client (java, library native, compiled and run). `make check` runs this file."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from binance_coinm import BinanceError
from binance_coinm.testing import Exchange, Fault

from generator import corpus
from tests.conftest import both_answers, node_tools
from tests.openapi_generator import generate, run

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "corpus"
ENTRIES = corpus.entries()
VALID = [item for item in ENTRIES if item.valid]
PARSED = [item for item in VALID if item.kind in ("order", "orders", "server-time")]
ORDER = corpus.validator("order").schema["components"]["schemas"]["Order"]
DECIMALS = [name for name, schema in ORDER["properties"].items() if schema.get("x-format") == "decimal"]

# How each kind of entry reaches a client: the path it answers, and the call that reads it.
CALLS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "order": ("/dapi/v1/openOrder", lambda client: client.query_current_open_order("BTCUSD_PERP", order_id=1)),
    "orders": ("/dapi/v1/openOrders", lambda client: client.current_all_open_orders()),
    "server-time": ("/dapi/v1/time", lambda client: client.check_server_time()),
}
CALLS["error"] = CALLS["page"] = CALLS["order"]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.mark.parametrize("item", ENTRIES, ids=lambda item: item.name)
def test_the_schema_accepts_the_valid_entries_and_refuses_the_invalid(item: corpus.Entry) -> None:
    errors = corpus.schema_errors(item)
    assert (errors == []) is item.valid or item.kind == "page", errors


def test_the_spec_examples_are_corpus_entries_and_every_real_order_has_the_required_fields() -> None:
    assert corpus.problems() == []


def _answers(base_url: str, exchange: Exchange, item: corpus.Entry) -> list[object]:
    """What Client and AsyncClient give when the entry is the answer: the result, or the error raised."""
    path, call = CALLS[item.kind]
    headers = {"Content-Type": "text/html" if item.kind == "page" else "application/json"}
    exchange.inject(Fault("status", status=item.status, body=item.body, headers=headers, times=2, path=path))
    return both_answers(base_url, call, retries=0, sync_on_timestamp_error=False)


@pytest.mark.parametrize("item", PARSED, ids=lambda item: item.name)
def test_python_reads_every_valid_answer_exactly(base_url: str, exchange: Exchange, item: corpus.Entry) -> None:
    sent = item.json()
    for answer in _answers(base_url, exchange, item):
        assert not isinstance(answer, BaseException), answer
        models = answer if item.kind == "orders" else [answer]
        orders = sent if item.kind == "orders" else [sent]
        assert isinstance(models, list)
        assert [model.to_dict() for model in models] == orders  # unknown fields, nulls and decimal text kept
        for model, order in zip(models, orders, strict=True):
            for name in DECIMALS:
                if order.get(name) is not None:
                    assert getattr(model, _snake(name)) == Decimal(order[name])


@pytest.mark.parametrize("item", [item for item in ENTRIES if item.python], ids=lambda item: item.name)
def test_python_raises_the_typed_error_the_corpus_names(base_url: str, exchange: Exchange, item: corpus.Entry) -> None:
    answers = _answers(base_url, exchange, item)
    assert [type(answer).__name__ for answer in answers] == [item.python] * 2, answers
    for error in answers:
        assert isinstance(error, BinanceError) and error.status_code == item.status  # type: ignore[attr-defined]
        if item.kind == "error":
            assert error.code == item.json()["code"]  # type: ignore[attr-defined]


def _arguments() -> list[str]:
    return [f"{item.kind}={corpus.path(item.name)}" for item in PARSED]


def _once(reads: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """reads run once for all the tests that use it, its failure too (generating and compiling take seconds)."""

    @cache
    def outcome() -> dict[str, Any] | str:
        try:
            return reads()
        except AssertionError as failure:
            return str(failure)

    def result() -> dict[str, Any]:
        done = outcome()
        assert isinstance(done, dict), done
        return done

    return result


@_once
def _typescript_reads() -> dict[str, Any]:
    node, tsc = shutil.which("node"), node_tools() / ".bin" / "tsc"
    assert node, "Node.js is needed (it is on the development machine and in CI)"
    generate("typescript-fetch", BUILD / "typescript", files="models,supportingFiles")
    run([str(tsc), "-p", str(ROOT / "tests" / "typescript" / "tsconfig.corpus.json")])
    script = BUILD / "typescript" / "out" / "tests" / "typescript" / "corpus.js"
    return json.loads(run([node, str(script), *_arguments()]))  # type: ignore[no-any-return]


@_once
def _java_reads() -> dict[str, Any]:
    javac, java = shutil.which("javac"), shutil.which("java")
    assert javac and java, "Java 17 is on the development machine and in CI"
    import openapi_generator_cli

    # Maven Central is out of reach: Jackson comes from inside the pinned openapi-generator jar, and
    # javax.annotation from Debian's libgeronimo-annotation-1.3-spec-java (which Debian's maven depends on).
    annotations = Path("/usr/share/java/geronimo-annotation-1.3-spec.jar")
    assert annotations.exists(), "apt-get install libgeronimo-annotation-1.3-spec-java"
    jar = Path(openapi_generator_cli.__file__).parent / "openapi-generator.jar"
    classpath = f"{jar}:{annotations}"
    out, classes = BUILD / "java", BUILD / "java-classes"
    options = "--additional-properties=library=native,openApiNullable=false,hideGenerationTimestamp=true"
    generate("java", out, options, files="models,supportingFiles")
    shutil.rmtree(classes, ignore_errors=True)
    sources = [str(path) for path in (out / "src" / "main").rglob("*.java")]
    javac_command = [javac, "-nowarn", "-d", str(classes), "-cp", classpath, *sources]
    run([*javac_command, str(ROOT / "tests" / "java" / "ParseCorpus.java")])
    return json.loads(run([java, "-cp", f"{classpath}:{classes}", "ParseCorpus", *_arguments()]))  # type: ignore[no-any-return]


def _present(order: dict[str, Any]) -> dict[str, Any]:
    """The order's non-null fields, named by the spec or not (Order has additionalProperties: true, and both
    generated clients keep what they do not know): what a client must give back as received. A null may come
    back as null (TypeScript) or absent (Java)."""
    return {name: value for name, value in order.items() if value is not None}


def _same(item: corpus.Entry, written: Any, javascript: bool = False) -> None:
    sent = item.json()
    if item.kind == "server-time":
        assert written == sent
        return
    orders, back = (sent, written) if item.kind == "orders" else ([sent], [written])
    assert len(back) == len(orders)
    for order, read in zip(orders, back, strict=True):
        expected, got = _present(order), _present(read)
        if javascript and expected["orderId"] > 2**53 - 1:
            # A JavaScript number holds integers exactly only up to 2^53 - 1: the spec says so on orderId.
            assert "2^53" in ORDER["properties"]["orderId"]["description"]
            sent_id, read_id = expected.pop("orderId"), got.pop("orderId")
            assert read_id != sent_id and float(read_id) == float(sent_id)  # the nearest double, as documented
        assert got == expected  # decimals as their exact text, unknown enum values and fields as sent
        for name in DECIMALS:
            if name in expected:
                assert Decimal(got[name]) == Decimal(expected[name]) and isinstance(got[name], str)


@pytest.mark.parametrize("item", PARSED, ids=lambda item: item.name)
def test_a_generated_typescript_client_reads_every_valid_answer(item: corpus.Entry) -> None:
    _same(item, _typescript_reads()[item.name], javascript=True)


@pytest.mark.parametrize("item", PARSED, ids=lambda item: item.name)
def test_a_generated_java_client_reads_and_writes_back_every_valid_answer(item: corpus.Entry) -> None:
    _same(item, _java_reads()[item.name])
