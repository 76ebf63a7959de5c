"""Every command has help, and every option of every command is in the README."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import REPO

from essays.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_examples(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert f"Usage: main {name}" in result.output and "Examples:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_readme(name):
    assert f"essays {name}" in README
    for param in main.commands[name].params:
        for flag in param.opts:
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in README, f"essays {name} {flag} is not documented"
