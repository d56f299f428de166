"""``relu-glossary check [DIR]``: validate the YAML glossary, as the build does."""

from __future__ import annotations

import argparse
import sys

from relu_glossary.glossary.load import load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="relu-glossary", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the glossary; exit 1 on any problem")
    check.add_argument("directory", nargs="?", default="glossary")
    args = parser.parse_args(argv)

    result = load(args.directory)
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if not result.ok:
        print(f"{len(result.problems)} problem(s) in {args.directory}", file=sys.stderr)
        return 1
    glossary = result.glossary
    print(f"{args.directory}: {len(glossary.terms)} terms, {len(glossary.relations)} relations, no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
