"""The README's example of the nn package runs as printed."""
import re
from pathlib import Path

from conftest import requires_mnist

README = Path(__file__).resolve().parents[1] / "README.md"


@requires_mnist
def test_readme_example_runs(tmp_path, monkeypatch, capsys):
    [example] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(tmp_path)   # it saves net.json in the working folder
    exec(compile(example, str(README), "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    accuracies, n_correct, errors = eval(printed[0]), int(printed[1]), eval(printed[2])
    assert len(accuracies) == 3 and accuracies[-1] > 0.9 and n_correct > 9000
    assert max(max(pair) for pair in errors) < 1e-6
