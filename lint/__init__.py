"""copydesk: a linter and fixer for scraped and machine-translated article files.

The public API: `check_text`, `fix_text`, and the types rules and reporters use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from copydesk.api import FixedText, check_text, fix_text
from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule

__all__ = [
    "Applicability",
    "Block",
    "Diagnostic",
    "Document",
    "Edit",
    "Example",
    "Fix",
    "FixedText",
    "Rule",
    "Severity",
    "__version__",
    "check_text",
    "fix_text",
]
