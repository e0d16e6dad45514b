"""Chinese edition: sphinx-proof starts every proof with the English "Proof. " (hard-coded
in its ProofDirective, not translated); write 证明： instead."""
from docutils import nodes
from sphinx.transforms import SphinxTransform

ENGLISH, CHINESE = "Proof. ", "证明："


class ChineseProofLabel(SphinxTransform):
    default_priority = 690

    def apply(self, **kwargs):
        if self.config.language != "zh_CN":
            return
        for proof in self.document.findall(nodes.admonition):
            text = next(proof.findall(nodes.Text), None) if "proof" in proof["classes"] else None
            if text is not None and str(text).startswith(ENGLISH):
                text.parent.replace(text, nodes.Text(CHINESE + str(text)[len(ENGLISH):]))


def setup(app):
    app.add_transform(ChineseProofLabel)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
