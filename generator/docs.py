"""Render the bilingual reference, docs/reference.en.md and docs/reference.zh-CN.md, from spec/openapi.yaml.

Usage: python generator/docs.py generate | check   (check fails when the committed docs differ from a render)
"""

from __future__ import annotations

import difflib
import sys
from typing import Any

from binance_coinm.errors import exception_for

import specfile

ROOT = specfile.ROOT
DOCS = {"en": ROOT / "docs" / "reference.en.md", "zh": ROOT / "docs" / "reference.zh-CN.md"}

LABELS = {
    "en": {
        "generated": "Generated from `spec/openapi.yaml` by `make docs`; do not edit. 中文版: [reference.zh-CN.md](reference.zh-CN.md).",
        "servers": "Servers", "endpoint": "Endpoint", "weight": "Request weight", "security": "Security type",
        "sdk": "SDK method", "parameters": "Parameters", "name": "Name", "type": "Type", "required": "Required",
        "constraints": "Constraints", "meaning": "Meaning", "yes": "yes", "no": "no", "none": "none",
        "rule": "Rule", "exactly_one": "Send exactly one of {names}; the SDK raises `ValidationError` before sending otherwise.",
        "response": "Response", "field": "Field", "enums": "Enumerations",
        "enum_note": "Values not listed are accepted and kept as received.", "value": "Value",
        "colon": ": ", "comma": ", ", "opening": " (", "closing": ")", "in": {"header": "header", "query": "query"},
        "errors": "Error codes", "code": "Code", "message": "Binance message", "http": "HTTP", "raises": "SDK raises",
        "status_errors": "Errors by HTTP status", "status": "Status", "signing": "Signing",
        "decimal": "decimal string", "default": "default", "pattern": "pattern", "min": "min", "max": "max",
        "min_length": "min length", "max_length": "max length", "no_params": "No parameters.", "schema": "Schema",
        "argument": "SDK argument",
        "array": "array of {item}", "cli": "Command line", "enum": "one of", "no_body": "No JSON body.",
        "operations": "Operations", "operation": "Operation",
        "status_rows": [("418, 429", "RateLimitError (`.retry_after`)"), ("401", "AuthenticationError"),
                        ("5xx", "ServerError (execution status unknown)"),
                        ("other, or a body that is not the documented JSON", "APIError"),
                        ("no HTTP answer (refused, reset, timeout)", "TransportError / RequestTimeoutError")],
    },
    "zh": {
        "generated": "由 `make docs` 根据 `spec/openapi.yaml` 生成，请勿手工修改。英文版：[reference.en.md](reference.en.md)。",
        "servers": "服务器", "endpoint": "接口", "weight": "请求权重", "security": "鉴权类型",
        "sdk": "SDK 方法", "parameters": "参数", "name": "名称", "type": "类型", "required": "必填",
        "constraints": "约束", "meaning": "含义", "yes": "是", "no": "否", "none": "无",
        "rule": "规则", "exactly_one": "{names} 必须且只能发送一个；否则 SDK 在发送前抛出 `ValidationError`。",
        "response": "响应", "field": "字段", "enums": "枚举",
        "enum_note": "未列出的值也会被接受，并按原样保留。", "value": "值",
        "colon": "：", "comma": "、", "opening": "（", "closing": "）", "in": {"header": "请求头", "query": "查询参数"},
        "errors": "错误码", "code": "错误码", "message": "错误信息（币安中文文档）", "http": "HTTP", "raises": "SDK 抛出",
        "status_errors": "按 HTTP 状态码划分的错误", "status": "状态码", "signing": "签名",
        "decimal": "十进制字符串", "default": "默认", "pattern": "正则", "min": "最小", "max": "最大",
        "min_length": "最小长度", "max_length": "最大长度", "no_params": "无参数。", "schema": "模型",
        "argument": "SDK 参数",
        "array": "{item} 数组", "cli": "命令行", "enum": "取值", "no_body": "无 JSON 响应体。",
        "operations": "接口一览", "operation": "名称",
        "status_rows": [("418, 429", "RateLimitError（`.retry_after`）"), ("401", "AuthenticationError"),
                        ("5xx", "ServerError（执行状态未知）"),
                        ("其他，或响应体不是文档规定的 JSON", "APIError"),
                        ("没有 HTTP 响应（连接被拒、被重置、超时）", "TransportError / RequestTimeoutError")],
    },
}  # fmt: skip


def _text(node: dict[str, Any], lang: str, key: str = "description") -> str:
    english, chinese = specfile.one_line(node, key)
    return chinese if lang == "zh" and chinese else english


def _anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return "#" + kept.replace(" ", "-")


def _index(lines: list[str], spec: dict[str, Any], lang: str) -> None:
    """One row per operation, linking to its section: what README points to instead of a list kept by hand."""
    labels = LABELS[lang]
    lines += [f"## {labels['operations']}", "", f"| {labels['operation']} | {labels['sdk']} | {labels['cli']} | "
              f"{labels['endpoint']} | {labels['weight']} | {labels['security']} |", "|---|---|---|---|---|---|"]  # fmt: skip
    for method, path, op in specfile.operations(spec):
        title = _text(op, lang, "summary")
        commands = " / ".join(f"`{command}`" for command in specfile.cli_names(op))
        lines.append(f"| [{title}]({_anchor(title)}) | `{specfile.python_name(op['operationId'])}()` | {commands} | "
                     f"`{method} {path}` | {specfile.weight_text(op, lang)} | {op['x-security-type']} |")  # fmt: skip
    lines.append("")


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|")


def _type(schema: dict[str, Any], labels: dict[str, Any]) -> str:
    if "$ref" in schema:
        return f"[{schema['$ref'].rsplit('/', 1)[1]}](#{schema['$ref'].rsplit('/', 1)[1].lower()})"
    if schema.get("type") == "array":
        return str(labels["array"]).format(item=_type(schema.get("items", {}), labels))
    if specfile.is_decimal(schema):
        return str(labels["decimal"])
    return str(schema.get("type", "")) + (f" ({schema['format']})" if "format" in schema else "")


def _constraints(schema: dict[str, Any], labels: dict[str, Any]) -> str:
    parts = []
    for key, label in (("minimum", "min"), ("maximum", "max"), ("minLength", "min_length"),
                       ("maxLength", "max_length"), ("default", "default")):  # fmt: skip
        if key in schema:
            parts.append(f"{labels[label]} {schema[key]}")
    if "enum" in schema:
        parts.append(f"{labels['enum']} " + " / ".join(f"`{value}`" for value in schema["enum"]))
    if "pattern" in schema:
        parts.append(f"{labels['pattern']} `{schema['pattern']}`")
    return labels["comma"].join(parts) or "–"


def _operation(lines: list[str], method: str, path: str, op: dict[str, Any], spec: dict[str, Any], lang: str) -> None:
    labels = LABELS[lang]
    lines += [f"## {_text(op, lang, 'summary')}", "", _text(op, lang), ""]
    name = specfile.python_name(op["operationId"])
    commands = " / ".join(f"`binance-coinm {command}`" for command in specfile.cli_names(op))
    lines += [f"| | |", "|---|---|", f"| {labels['endpoint']} | `{method.upper()} {path}` |",
              f"| {labels['weight']} | {specfile.weight_text(op, lang)} |",
              f"| {labels['security']} | {op['x-security-type']} |",
              f"| {labels['sdk']} | `Client.{name}()`{labels['comma']}`Client.{name}_detailed()` / `AsyncClient` |",
              f"| {labels['cli']} | {commands} |", ""]  # fmt: skip
    lines += [f"### {labels['parameters']}", ""]
    parameters = op.get("parameters", [])
    if parameters:
        lines += [f"| {labels['name']} | {labels['argument']} | {labels['type']} | {labels['required']} | "
                  f"{labels['constraints']} | {labels['meaning']} |", "|---|---|---|---|---|---|"]  # fmt: skip
        for p in parameters:
            required = labels["yes"] if p.get("required") else labels["no"]
            lines.append(f"| `{p['name']}` | `{specfile.python_name(p['name'])}` | {_type(p['schema'], labels)} | "
                         f"{required} | {_cell(_constraints(p['schema'], labels))} | {_cell(_text(p, lang))} |")  # fmt: skip
        lines.append("")
    else:
        lines += [labels["no_params"], ""]
    for group in op.get("x-exactly-one-of", []):
        lines += [
            f"**{labels['rule']}{labels['colon'].rstrip()}** "
            + labels["exactly_one"].format(names=labels["comma"].join(f"`{n}`" for n in group)),
            "",
        ]
    schema = specfile.success_schema(op)
    if schema is None:
        lines += [f"### {labels['response']}", "", labels["no_body"], ""]
    else:
        lines += [
            f"### {labels['response']}{labels['colon']}{_type(schema, labels)}",
            "",
            _text(op["responses"]["200"], lang),
            "",
        ]
        inline = schema.get("items", schema) if schema.get("type") == "array" else schema
        if "properties" in inline:  # an inline object schema has no section of its own below: its fields go here
            _fields(lines, inline, lang)
    lines += [f"### {labels['errors']}", "", f"| {labels['code']} | {labels['name']} | {labels['http']} | "
              f"{labels['message']} | {labels['meaning']} | {labels['raises']} |", "|---|---|---|---|---|---|"]  # fmt: skip
    catalogue = {entry["code"]: entry for entry in spec["components"]["x-error-catalogue"]}
    for code, (error_name, english, chinese) in specfile.error_meanings(spec, op).items():
        statuses = ", ".join(map(str, catalogue[code]["http"]))
        raised = sorted({exception_for(status, code).__name__ for status in catalogue[code]["http"]})
        meaning = chinese if lang == "zh" else english
        quoted = f"“{catalogue[code]['x-message-zh']}”" if lang == "zh" else f'"{catalogue[code]["message"]}"'
        lines.append(
            f"| {code} | {error_name} | {statuses} | {_cell(quoted)} | {_cell(meaning)} | {' / '.join(raised)} |"
        )
    lines.append("")


def _schema(lines: list[str], name: str, schema: dict[str, Any], lang: str) -> None:
    labels = LABELS[lang]
    lines += [f"### {name}", "", _text(schema, lang), ""]
    if "enum" in schema:
        described = schema["x-enum-descriptions-zh" if lang == "zh" else "x-enum-descriptions"]
        lines += [labels["enum_note"], "", f"| {labels['value']} | {labels['meaning']} |", "|---|---|"]
        lines += [f"| `{value}` | {_cell(described[value])} |" for value in schema["enum"]]
    else:
        _fields(lines, schema, lang)
    lines.append("")


def _fields(lines: list[str], schema: dict[str, Any], lang: str) -> None:
    labels = LABELS[lang]
    required = set(schema.get("required", []))
    lines += [f"| {labels['field']} | {labels['type']} | {labels['required']} | {labels['meaning']} |",
              "|---|---|---|---|"]  # fmt: skip
    for field, prop in schema.get("properties", {}).items():
        flag = labels["yes"] if field in required else labels["no"]
        lines.append(f"| `{field}` | {_type(prop, labels)} | {flag} | {_cell(_text(prop, lang))} |")
    lines.append("")


def render(lang: str) -> str:
    spec = specfile.load()
    labels = LABELS[lang]
    title = spec["info"].get("x-title-zh") if lang == "zh" else None
    colon, opening, closing, comma = ("：", "（", "）", "，") if lang == "zh" else (":", " (", ")", ", ")
    lines = [f"# {title or spec['info']['title']} {spec['info']['version']}", "", f"_{labels['generated']}_", "",
             _text(spec["info"], lang), "", f"**{labels['servers']}{colon}** " +
             comma.join(f"`{s['url']}`{opening}{_text(s, lang).rstrip('。.')}{closing}" for s in spec["servers"]),
             ""]  # fmt: skip
    _index(lines, spec, lang)
    for method, path, op in specfile.operations(spec):
        _operation(lines, method, path, op, spec, lang)
    lines += [f"## {labels['status_errors']}", "", f"| {labels['status']} | {labels['raises']} |", "|---|---|"]
    lines += [f"| {status} | {raised} |" for status, raised in labels["status_rows"]]
    lines += ["", f"## {labels['signing']}", ""]
    for scheme in spec["components"]["securitySchemes"].values():
        where = labels["in"].get(scheme["in"], scheme["in"])
        lines += [
            f"- `{scheme['name']}`{labels['opening']}{where}{labels['closing']}{labels['colon']}{_text(scheme, lang)}"
        ]
    lines += ["", f"## {labels['schema']}", ""]
    for name, schema in spec["components"]["schemas"].items():
        _schema(lines, name, schema, lang)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command not in {"generate", "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for lang, path in DOCS.items():
        fresh = render(lang)
        if command == "generate":
            path.parent.mkdir(exist_ok=True)
            path.write_text(fresh, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != fresh:
            old = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
            diff = difflib.unified_diff(old, fresh.splitlines(keepends=True), f"{path.name} (committed)", "(fresh)")
            stale.append("".join(list(diff)[:40]))
    if stale:
        print("docs/ is stale; run `make docs` and commit:\n" + "\n".join(stale), file=sys.stderr)
        return 1
    print("docs/ written from the spec" if command == "generate" else "docs/ is up to date with the spec")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
