"""Just enough CSS to tell which colors and fonts a site really uses.

Stylesheets are parsed with tinycss2 into flat rules (selector list + declarations), custom
properties are collected so ``var()`` can be resolved, and each rule's selectors are checked
against the pages read (a rule that styles nothing on the site says little about the brand).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import tinycss2
import tinycss2.ast
from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

# At-rules whose blocks hold ordinary rules that apply only sometimes.
_CONDITIONAL = {"media", "supports", "container", "document", "-moz-document"}
_GROUPING = {"layer", "scope", "starting-style"}
_STATE = re.compile(r":(hover|focus|focus-visible|focus-within|active|visited|target|checked)\b")
_PSEUDO = re.compile(r"::?[a-zA-Z-]+(\((?:[^()]|\([^()]*\))*\))?")
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*)?", re.IGNORECASE)
MAX_VAR_REPLACEMENTS = 32
MATCH_CAP = 64


@dataclass
class Declaration:
    name: str  # lower case
    value: str  # as written; var() resolved later


@dataclass
class Rule:
    selectors: list[str]
    declarations: list[Declaration]
    conditional: bool = False  # inside @media/@supports: applies on some screens only
    matched: int | None = None  # known match count (style="" attributes); else looked up


@dataclass
class StyleModel:
    rules: list[Rule] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # --name -> value, first wins
    font_faces: list[str] = field(default_factory=list)  # @font-face family names
    imports: list[str] = field(default_factory=list)  # @import targets, as written
    var_uses: Counter[str] = field(default_factory=Counter)

    def resolve(self, value: str) -> str:
        """Replace var(--x, fallback) with the property's value, counting each use."""
        for _ in range(MAX_VAR_REPLACEMENTS):
            match = _VAR.search(value)
            if not match:
                return value
            end = _closing_paren(value, match.start() + 3)
            name = match.group(1).lower()
            fallback = value[match.end() : end].strip()
            self.var_uses[name] += 1
            replacement = self.variables.get(name, fallback)
            value = value[: match.start()] + replacement + value[end + 1 :]
        return value


def _closing_paren(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(text) - 1


def build_style_model(sheets: list[str], trees: list[LexborHTMLParser]) -> StyleModel:
    """Parse stylesheets (site files and <style> blocks) plus style="" attributes."""
    model = StyleModel()
    for css in sheets:
        try:
            nodes = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
            _read_rules(nodes, model, conditional=False)
        except RecursionError:
            continue  # absurdly nested brackets: a broken or hostile sheet, not a brand
    for tree in trees:
        _read_style_attributes(tree, model)
    return model


def _read_rules(nodes: list[tinycss2.ast.Node], model: StyleModel, conditional: bool) -> None:
    for node in nodes:
        if isinstance(node, tinycss2.ast.QualifiedRule):
            _read_qualified(node, model, conditional)
        elif isinstance(node, tinycss2.ast.AtRule):
            _read_at_rule(node, model, conditional)


def _read_at_rule(node: tinycss2.ast.AtRule, model: StyleModel, conditional: bool) -> None:
    keyword = node.lower_at_keyword
    if keyword == "import":
        model.imports.append(_import_target(node.prelude))
    elif keyword == "font-face" and node.content:
        for decl in _declarations(node.content):
            if decl.name == "font-family":
                model.font_faces.append(decl.value.strip("'\" "))
    elif keyword in _CONDITIONAL | _GROUPING and node.content:
        children = tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True)
        _read_rules(children, model, conditional or keyword in _CONDITIONAL)


def _import_target(prelude: list[tinycss2.ast.Node]) -> str:
    for token in prelude:
        if isinstance(token, tinycss2.ast.URLToken | tinycss2.ast.StringToken):
            return token.value
        if isinstance(token, tinycss2.ast.FunctionBlock) and token.lower_name == "url":
            return tinycss2.serialize(token.arguments).strip("'\" ")
    return ""


def _read_qualified(node: tinycss2.ast.QualifiedRule, model: StyleModel, conditional: bool) -> None:
    selectors = split_selectors(tinycss2.serialize(node.prelude))
    declarations = _declarations(node.content)
    for decl in declarations:
        if decl.name.startswith("--") and decl.name not in model.variables:
            model.variables[decl.name] = decl.value
    model.rules.append(Rule(selectors, declarations, conditional))


def _declarations(content: list[tinycss2.ast.Node]) -> list[Declaration]:
    items = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    return [
        Declaration(item.lower_name, tinycss2.serialize(item.value).strip())
        for item in items
        if isinstance(item, tinycss2.ast.Declaration)
    ]


def _read_style_attributes(tree: LexborHTMLParser, model: StyleModel) -> None:
    for node in tree.css("[style]"):
        text = node.attributes.get("style") or ""
        try:
            items = tinycss2.parse_blocks_contents(text, skip_whitespace=True)
            declarations = [
                Declaration(item.lower_name, tinycss2.serialize(item.value).strip())
                for item in items
                if isinstance(item, tinycss2.ast.Declaration)
            ]
        except RecursionError:
            continue
        if declarations:
            model.rules.append(Rule([context_selector(node)], declarations, matched=1))


def context_selector(node: LexborNode, depth: int = 3) -> str:
    """A selector-like description of an element and its parents ("header a.btn"), so a
    style="" attribute gets the same role (button, header...) as a rule would."""
    parts: list[str] = []
    current: LexborNode | None = node
    while current is not None and current.tag not in (None, "html", "-document") and depth:
        classes = (current.attributes.get("class") or "").split()
        ident = current.attributes.get("id")
        parts.append(
            (current.tag or "") + "".join(f".{c}" for c in classes) + (f"#{ident}" if ident else "")
        )
        current = current.parent
        depth -= 1
    return " ".join(reversed(parts))


def split_selectors(prelude: str) -> list[str]:
    """Split "a, b:is(c, d)" at top-level commas only."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def is_state(selector: str) -> bool:
    """:hover, :focus... colors show only on interaction."""
    return bool(_STATE.search(selector))


def subject(selector: str) -> str:
    """The last compound of a selector: the element the declarations style."""
    return re.split(r"[\s>+~]+", selector.strip())[-1] if selector.strip() else ""


class SelectorMatcher:
    """Counts the elements a selector matches on the pages read (cached)."""

    def __init__(self, trees: list[LexborHTMLParser]) -> None:
        self.trees = trees
        self._cache: dict[str, int | None] = {}

    def count(self, selector: str) -> int | None:
        """How many elements match (pseudo-classes dropped); None when it can't be checked."""
        query = _PSEUDO.sub("", selector.replace(":root", "html")).strip()
        query = re.sub(r"\s*([>+~])\s*$", "", query) or "*"
        if query in self._cache:
            return self._cache[query]
        total: int | None = 0
        try:
            total = sum(min(len(tree.css(query)), MATCH_CAP) for tree in self.trees)
        except (SelectolaxError, ValueError):
            total = None
        self._cache[query] = total
        return total


def is_page_selector(selector: str) -> bool:
    """html, body, :root, * — what these set is inherited by the whole page."""
    last = re.sub(r":(?!root).*$", "", subject(selector.lower()))
    return last in ("html", "body", ":root", "*")


PAGE_FACTOR = 1.0 + math.log2(1 + MATCH_CAP)  # a page-wide rule styles "everything"


def match_factor(matched: int | None) -> float:
    """Weight of a rule by how much of the site it styles: none 0.15, unknown 0.5, many more."""
    if matched is None:
        return 0.5
    if matched == 0:
        return 0.15
    return 1.0 + math.log2(1 + min(matched, MATCH_CAP))
