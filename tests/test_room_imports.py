"""The shape of build_tools/: rooms that import only the rooms before them, no import cycle,
no private name borrowed from another module, small modules."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"
# Data flows left to right; a room may import itself and the rooms to its left.
ORDER = ["core", "safety", "content", "i18n", "model", "media", "publish", "render", "calendar", "pipeline"]
TOP = {"adapter", "cli"}  # may import every room above; neither imports the other
MAX_LINES = 400


def _modules() -> dict:
    """Dotted name (relative to build_tools) → path, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path):
    """(imported module, imported names, line) of every import, relative ones resolved."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("build_tools"):
                module = node.module[len("build_tools") + 1:]
            else:
                continue
            for alias in node.names:  # `from . import x` imports the module x
                yield module, alias.name, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("build_tools."):
                    yield alias.name[len("build_tools") + 1:], None, node.lineno


def _target(module: str, imported, modules: dict) -> str:
    full = f"{module}.{imported}" if module and imported else module
    return full if full in modules else module


def _room(module: str) -> str:
    return module.split(".")[0] if module else ""


def _edges():
    modules = _modules()
    for name, path in modules.items():
        for module, imported, line in _imports(name, path):
            yield name, _target(module, imported, modules), imported, line


def test_rooms_import_only_the_rooms_before_them():
    wrong = []
    for name, target, _imported, line in _edges():
        here, there = _room(name), _room(target)
        if not here or not there or here == there:
            continue
        if there in TOP:
            wrong.append(f"{name}:{line} imports {target}: nothing imports {there}")
        elif here in TOP:
            continue
        elif here not in ORDER or there not in ORDER:
            wrong.append(f"{name}:{line}: {here or there} is not a known room")
        elif ORDER.index(there) > ORDER.index(here):
            wrong.append(f"{name}:{line} imports {target}, a later room")
    assert wrong == []


def test_no_import_cycle_between_modules():
    graph: dict = {}
    for name, target, _imported, _line in _edges():
        if target != name:
            graph.setdefault(name, set()).add(target)
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{node} → {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_private_name_is_imported_from_another_module():
    borrowed = [f"{name}:{line} imports {imported} from {target}" for name, target, imported, line in _edges()
                if imported and imported.startswith("_") and not imported.startswith("__")]
    assert borrowed == []


def test_modules_are_small_and_few_stay_at_the_top():
    big = [f"{p.relative_to(PACKAGE)}: {n} lines" for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert big == []
    top = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(top) <= 4, top
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert rooms == set(ORDER[:-1]) | TOP


def test_every_room_says_what_it_holds_and_may_import():
    for room in [*ORDER[:-1], *TOP]:
        doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc, room


def test_the_rule_itself_catches_a_backward_import(tmp_path, monkeypatch):
    """A room that imports a later one is reported (the check is not vacuous)."""
    fake = tmp_path / "build_tools"
    for room in ("core", "render"):
        (fake / room).mkdir(parents=True)
        (fake / room / "__init__.py").write_text('"""x. May import nothing."""\n')
    (fake / "core" / "bad.py").write_text("from ..render.pages import render_site\n")
    (fake / "render" / "pages.py").write_text("from ..core import bad\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    edges = {(n, t) for n, t, _i, _l in _edges()}
    assert ("core.bad", "render.pages") in edges and ("render.pages", "core.bad") in edges
    assert "core.bad:1 imports render.pages, a later room" in _failure(test_rooms_import_only_the_rooms_before_them)
    assert "core.bad" in _failure(test_no_import_cycle_between_modules)


def _failure(check) -> str:
    try:
        check()
    except AssertionError as exc:
        return str(exc)
    raise AssertionError(f"{check.__name__} found nothing wrong")
