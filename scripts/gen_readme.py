#!/usr/bin/env python3
# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Writes each addon's README.rst from its readme/ fragments, as OCA's
readme generator does. ``--check`` fails if a README.rst is out of date."""
import ast
import os
import sys

ADDONS = ["aftersales_ticket", "aftersales_repair", "aftersales_contract",
          "aftersales_survey", "addons/aftersales"]
SECTIONS = [("DESCRIPTION", None), ("CONFIGURE", "Configuration"),
            ("USAGE", "Usage"), ("ROADMAP", "Known issues / Roadmap"),
            ("CONTRIBUTORS", "Contributors")]


def render(addon):
    with open(os.path.join(addon, "__manifest__.py")) as manifest_file:
        manifest = ast.literal_eval(manifest_file.read())
    title = manifest["name"]
    lines = ["=" * len(title), title, "=" * len(title), "",
             ".. |license| image:: https://img.shields.io/badge/licence-%s-blue.png"
             % manifest["license"].replace("-", "--"),
             "", "|license|", ""]
    for fragment, heading in SECTIONS:
        path = os.path.join(addon, "readme", fragment + ".rst")
        if not os.path.exists(path):
            continue
        with open(path) as fragment_file:
            body = fragment_file.read().strip()
        if heading:
            lines += [heading, "~" * len(heading), ""]
        lines += [body, ""]
    return "\n".join(lines)


def main():
    check = "--check" in sys.argv
    stale = []
    for addon in ADDONS:
        path = os.path.join(addon, "README.rst")
        text = render(addon)
        current = open(path).read() if os.path.exists(path) else None
        if current != text:
            stale.append(path)
            if not check:
                with open(path, "w") as readme:
                    readme.write(text)
    if check and stale:
        print("README.rst out of date (run scripts/gen_readme.py): %s"
              % ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
