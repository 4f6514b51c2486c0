"""Command line: ``dlviz`` starts the app; ``dlviz summary NAME [--full]`` prints a
model summary; ``dlviz labs`` lists the labs."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlviz", description="A desktop lab bench for teaching deep learning."
    )
    parser.add_argument(
        "--device",
        type=_device_name,
        default="auto",
        metavar="{auto,cpu,cuda,mps}",
        help="where the labs train: auto (default: big labs on the GPU, small ones "
        "on the CPU, where they are faster), cpu, cuda (or cuda:N) or mps; "
        "Training > Device changes it while the app runs",
    )
    parser.add_argument("--lab", help="open this lab first (see `dlviz labs`)")
    sub = parser.add_subparsers(dest="command")
    summary = sub.add_parser("summary", help="print a model summary table")
    summary.add_argument(
        "name",
        help="path/to/file.py:ClassName (your own model), or "
        "a zoo model (lenet5, alexnet, vgg, nin, googlenet, resnet, mobilenet) "
        "or torchvision's name (vgg11 … vgg19, resnet18, resnet34, alexnet, "
        "googlenet), mobilenet_v1, lenet5",
    )
    summary.add_argument(
        "--full",
        action="store_true",
        help="the full-size published configuration (default: the reduced network "
        "the lab trains on digits)",
    )
    sub.add_parser("labs", help="list the labs")
    return parser


def _device_name(text: str) -> str:
    """``--device``: auto, cpu, cuda, cuda:N or mps."""
    value = text.strip().lower()
    kind, _, index = value.partition(":")
    if value in ("auto", "cpu", "mps", "cuda") or (kind == "cuda" and index.isdigit()):
        return value
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a device: use auto, cpu, cuda, cuda:N or mps"
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "summary" and (":" in args.name or args.name.endswith(".py")):
        return _user_summary(args.name)
    if args.command == "summary":
        from dlviz.core.zoo import resolve_model_name
        from dlviz.core.zoo.summary import summary_text

        try:
            name = resolve_model_name(args.name).name
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        print(summary_text(name, full=args.full))
        return 0
    if args.command == "labs":
        from dlviz.core.labs import all_labs

        for spec in all_labs():
            year = spec.year or ""
            print(f"{spec.key:14} {spec.chapter:11} {year!s:5} {spec.title}")
        return 0
    if args.lab:
        from dlviz.core.labs import get_lab

        try:
            get_lab(args.lab)
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
    from dlviz.ui.app import run_app

    return run_app(args.device, args.lab)


def _user_summary(spec: str) -> int:
    """``dlviz summary path/to/file.py:ClassName`` (this runs the file's code)."""
    from dlviz.core.usermodel import UserModelError, summary_text

    try:
        print(summary_text(spec))
    except UserModelError as err:
        print(err.message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
