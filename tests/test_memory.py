"""rag/memory.py: the bundled model's word table read from its file, and the malloc arena cap."""

from __future__ import annotations

import platform

import pytest
import torch
from safetensors import safe_open

from rag.memory import limit_malloc_arenas, read_word_rows_from_file

KEY = "embeddings.word_embeddings.weight"


def _weights(encoder):
    return encoder.path / "model.safetensors"


def _model_file_resident_mb(weights) -> float:
    """Resident MB of this process's mappings of the model file (from /proc/self/smaps)."""
    total, inside = 0, False
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for line in lines:
        head = line.split()
        if head and not head[0].endswith(":"):  # a mapping's header line
            inside = line.rstrip().endswith(str(weights))
        elif inside and head[0] == "Rss:":
            total += int(head[1])
    return total / 1024


def test_word_rows_come_from_the_file_unchanged(st_encoder):
    encoder = st_encoder
    table = encoder._model[0].auto_model.get_input_embeddings()
    assert type(table).__name__ == "FileRows"
    ids = torch.tensor([[0, 1, 6, 6, 250036], [3, 250036, 0, 1, 1]])
    with safe_open(str(_weights(encoder)), framework="pt") as fh:
        expected = fh.get_slice(KEY)[[0, 1, 3, 6, 250036]]
    rows = dict(zip([0, 1, 3, 6, 250036], expected, strict=True))
    got = table(ids)
    assert got.dtype == torch.float32
    assert torch.equal(got, torch.stack([rows[i] for i in ids.flatten().tolist()]).view(2, 5, 384))
    with pytest.raises(IndexError):
        table(torch.tensor([250037]))


def test_a_tensor_that_is_not_the_table_changes_nothing(st_encoder):
    encoder = st_encoder
    model = encoder._model[0].auto_model
    before = model.get_input_embeddings()
    assert not read_word_rows_from_file(model, _weights(encoder), "encoder.layer.0.output.dense.weight")
    assert not read_word_rows_from_file(model, _weights(encoder), "no.such.tensor")
    assert model.get_input_embeddings() is before


@pytest.mark.parametrize("engine", ["onnx", "sentence-transformers"])
def test_encoding_leaves_the_word_table_unmapped(engine, request, bundled_page):
    encoder = request.getfixturevalue("encoder" if engine == "onnx" else "st_encoder")
    # Mapped, the table's pages around every row a text used became resident: 370 MB of the model
    # file after these 16 texts; the other layers are ~83 MB and always resident.
    text = bundled_page.read_text(encoding="utf-8")
    encoder.encode_documents([text[i : i + 220] for i in range(0, 16 * 880, 880)])
    assert _model_file_resident_mb(_weights(encoder)) < 150


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_malloc_arena_cap_is_set_on_glibc():
    assert limit_malloc_arenas()
