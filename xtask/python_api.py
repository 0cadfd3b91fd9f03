"""Prints the public names of threading, queue and concurrent.futures, one
per line as module.name: each module's __all__, or where a module has none,
the names dir() lists that do not start with an underscore.

Run by `cargo xtask python-api` with Python 3.13 into
data/python-api-3.13.txt, and by the listings' tests, which check that the
file is what this prints."""
import importlib

for module_name in ["threading", "queue", "concurrent.futures"]:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name in dir(module) if not name.startswith("_")]
    for name in sorted(names):
        print(f"{module_name}.{name}")
