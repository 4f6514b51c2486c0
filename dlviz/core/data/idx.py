"""Reading MNIST-format IDX files from a local folder (nothing is downloaded).

The IDX format: two zero bytes, a type code (0x08 = unsigned byte), the number of
dimensions, then each dimension as a big-endian 32-bit integer, then the data.
Files may be gzip-compressed (``.gz``).
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

_TYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


class IdxError(ValueError):
    """A file that is not a readable IDX file; the message says what is wrong."""


def read_idx(path: str | Path) -> np.ndarray:
    """Read one IDX file (optionally gzip-compressed) into a numpy array."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IdxError(f"{path.name}: cannot be read ({exc.strerror})") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise IdxError(f"{path.name}: damaged gzip data ({exc})") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise IdxError(f"{path.name}: not an IDX file (bad magic number)")
    type_code, ndim = raw[2], raw[3]
    if type_code not in _TYPES:
        raise IdxError(f"{path.name}: unknown IDX data type 0x{type_code:02x}")
    if ndim == 0 or ndim > 4:
        raise IdxError(f"{path.name}: unsupported number of dimensions ({ndim})")
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise IdxError(f"{path.name}: truncated header")
    shape = struct.unpack(f">{ndim}I", raw[4:header])
    dtype = _TYPES[type_code]
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise IdxError(
            f"{path.name}: expected {expected} bytes of data for shape {shape}, "
            f"found {len(raw) - header} (truncated or damaged file)"
        )
    data = np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)
    return data.astype(dtype.newbyteorder("="))


def write_idx(path: str | Path, array: np.ndarray) -> None:
    """Write ``array`` (uint8, int32 or float) as an IDX file (for tests and tools)."""
    codes = {np.dtype(v).newbyteorder("="): k for k, v in _TYPES.items()}
    dtype = array.dtype.newbyteorder("=")
    if dtype not in codes:
        raise IdxError(f"cannot write dtype {array.dtype} as IDX")
    header = bytes([0, 0, codes[dtype], array.ndim]) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    payload = array.astype(_TYPES[codes[dtype]]).tobytes()
    data = header + payload
    path = Path(path)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def _find(folder: Path, stem: str) -> Path | None:
    for pattern in (f"{stem}*", f"{stem.replace('-idx', '.idx')}*"):
        hits = sorted(folder.glob(pattern))
        if hits:
            return hits[0]
    return None


def load_mnist_folder(
    folder: str | Path,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Load ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte`` (``.gz`` allowed).

    Returns float32 images in [0, 1] of shape (N, 28, 28) and int64 labels.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise IdxError(f"{folder}: not a folder")
    parts = []
    for stem in (
        "train-images-idx3-ubyte",
        "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte",
    ):
        path = _find(folder, stem)
        if path is None:
            raise IdxError(
                f"{folder}: missing {stem} (the MNIST file names are expected)"
            )
        parts.append(read_idx(path))
    x_train, y_train, x_test, y_test = parts
    for images, labels, name in ((x_train, y_train, "train"), (x_test, y_test, "t10k")):
        if images.ndim != 3:
            raise IdxError(f"{name} images: expected 3 dimensions, found {images.ndim}")
        if labels.ndim != 1 or len(labels) != len(images):
            raise IdxError(f"{name}: {len(images)} images but {labels.shape} labels")
        if labels.size and (labels.min() < 0 or labels.max() > 9):
            raise IdxError(f"{name} labels: values must be 0-9")
    scale = 255.0 if x_train.dtype == np.uint8 else 1.0
    return (
        (x_train / scale).astype(np.float32),
        y_train.astype(np.int64),
        (x_test / scale).astype(np.float32),
        y_test.astype(np.int64),
    )
