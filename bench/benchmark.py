"""Seconds per epoch of SGD on the 50,000 MNIST training images.

    make bench        (or: python bench/benchmark.py [--repeats N])

Times nn.Network for [784, 30, 10] and [784, 100, 10], mini-batch 10 and 100, float64
and float32; the cost of the options of Part III (momentum, dropout, tanh and ReLU hidden
layers) against plain SGD; five seeds trained one by one against one nn.Ensemble (the
runs of the book); the per-example loop of bench/reference_loop.py; and, when PyTorch is
installed, the same network and SGD in PyTorch on the CPU (nn.Sequential + optim.SGD, and
plain tensors without autograd); and the BLAS limit, an epoch of nothing but nn's matrix
products. Prints medians over --repeats runs and checks the targets of the package
(ratios measured in this one run).
"""
import argparse
import statistics
import time

import numpy as np

import nn
from reference_loop import LoopNetwork

ETA = 3.0


def median_seconds(train_one_epoch, repeats):
    times = []
    for _ in range(repeats):
        tic = time.perf_counter()
        train_one_epoch()
        times.append(time.perf_counter() - tic)
    return statistics.median(times)


def time_nn(X, y, sizes, mbs, dtype, repeats):
    X = X.astype(dtype)   # convert once, outside the timing: SGD would otherwise convert per call
    net = nn.Network(sizes, cost="quadratic", init="large", seed=0, dtype=dtype)
    return median_seconds(lambda: net.SGD((X, y), 1, mbs, ETA, monitor=()), repeats)


#: Part III's options, as (label, Network keyword arguments, SGD keyword arguments).
OPTIONS = [("plain SGD", {}, {}), ("momentum mu=0.9", {}, dict(mu=0.9)),
           ("dropout p=0.5", {}, dict(dropout=0.5)), ("L2 lambda=5", {}, dict(lmbda=5.0)),
           ("tanh hidden layer", dict(activation="tanh"), {}),
           ("ReLU hidden layer", dict(activation="relu"), {})]


def time_options(X, y, repeats, sizes=(784, 30, 10), mbs=10):
    """Seconds per epoch of nn's SGD with each of OPTIONS (cross-entropy, float64)."""
    X = X.astype(np.float64)
    times = {}
    for label, net_kwargs, sgd_kwargs in OPTIONS:
        net = nn.Network(list(sizes), cost="cross-entropy", seed=0, **net_kwargs)
        times[label] = median_seconds(
            lambda: net.SGD((X, y), 1, mbs, 0.1, monitor=(), **sgd_kwargs), repeats)
    return times


def time_seeds(X, y, seeds, dtype, repeats, sizes=(784, 30, 10), mbs=10):
    """Seconds per seed-epoch (cross-entropy, lambda = 5): the seeds trained one after
    the other as Networks (what each worker process did before), and together as one
    nn.Ensemble (what nn.runs does now)."""
    X = X.astype(dtype)
    nets = [nn.Network(list(sizes), seed=s, dtype=dtype) for s in seeds]
    ensemble = nn.Ensemble(list(sizes), seeds, dtype=dtype)

    def one_by_one():
        for net in nets:
            net.SGD((X, y), 1, mbs, 0.1, lmbda=5.0, monitor=())

    together = median_seconds(
        lambda: ensemble.SGD((X, y), 1, mbs, 0.1, lmbda=5.0, monitor=()), repeats)
    return (median_seconds(one_by_one, repeats) / len(seeds),
            together / len(seeds))


def time_matmuls(sizes, mbs, dtype, repeats, n=50_000):
    """The BLAS limit: an epoch of only the matrix products that nn.Network's SGD does
    (per layer, Z = A W^T forward; nabla_w = delta^T A and, below the top, delta W
    backward), on preallocated arrays: what is left once every other cost is removed."""
    rng = np.random.default_rng(0)
    acts = [rng.random((mbs, k), dtype=dtype) for k in sizes]
    deltas = [rng.random((mbs, k), dtype=dtype) for k in sizes[1:]]
    ws = [rng.random((m, k), dtype=dtype) for k, m in zip(sizes[:-1], sizes[1:])]
    nablas = [np.empty_like(w) for w in ws]

    def epoch():
        for _ in range(n // mbs):
            for i, w in enumerate(ws):
                np.matmul(acts[i], w.T, out=acts[i + 1])
            for i in range(len(ws) - 1, -1, -1):
                np.matmul(deltas[i].T, acts[i], out=nablas[i])
                if i:
                    np.matmul(deltas[i], ws[i], out=deltas[i - 1])
    return median_seconds(epoch, repeats)


def time_loop(X, Y, sizes, mbs, repeats):
    net = LoopNetwork(sizes, seed=0)
    return median_seconds(lambda: net.train_epoch(X, Y, mbs, ETA), repeats)


def time_torch(X, Y, sizes, mbs, dtype, repeats, autograd):
    import torch
    dt = {np.float32: torch.float32, np.float64: torch.float64}[dtype]
    Xt, Yt = torch.from_numpy(X.astype(dtype)), torch.from_numpy(Y.astype(dtype))
    gen = torch.Generator().manual_seed(0)
    n = len(Xt)
    if autograd:
        layers = []
        for k, m in zip(sizes[:-1], sizes[1:]):
            layers += [torch.nn.Linear(k, m, dtype=dt), torch.nn.Sigmoid()]
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.SGD(model.parameters(), lr=ETA)

        def epoch():
            for idx in torch.randperm(n, generator=gen).split(mbs):
                opt.zero_grad()
                loss = 0.5 * ((model(Xt[idx]) - Yt[idx]) ** 2).sum() / len(idx)
                loss.backward()
                opt.step()
    else:
        ws = [torch.randn(m, k, dtype=dt, generator=gen) for k, m in zip(sizes[:-1], sizes[1:])]
        bs = [torch.randn(m, dtype=dt, generator=gen) for m in sizes[1:]]

        def epoch():
            with torch.no_grad():
                for idx in torch.randperm(n, generator=gen).split(mbs):
                    acts = [Xt[idx]]
                    for w, b in zip(ws, bs):
                        acts.append(torch.sigmoid(torch.addmm(b, acts[-1], w.t())))
                    a = acts[-1]
                    delta = (a - Yt[idx]) * a * (1 - a) * (ETA / len(idx))
                    for i in range(len(ws) - 1, -1, -1):
                        grad_w = delta.t() @ acts[i]
                        grad_b = delta.sum(0)
                        if i:
                            a = acts[i]
                            delta = (delta @ ws[i]) * a * (1 - a)
                        ws[i].sub_(grad_w)
                        bs[i].sub_(grad_b)
    return median_seconds(epoch, repeats)


def blas_description(torch_version):
    """Which BLAS does the matrix products, with which kernels and how many threads.

    The same product can differ by a factor of two between libraries on one processor
    (for example OpenBLAS picking AVX2 kernels where MKL uses AVX-512), so the table is
    read with this line beside it."""
    import threadpoolctl
    pools = [f"{p['internal_api']} {p['version']} ({p.get('architecture') or '?'} "
             f"kernels, {p['num_threads']} threads)"
             for p in threadpoolctl.threadpool_info()
             if p["user_api"] == "blas" and "numpy" in p["filepath"]]
    text = "numpy: " + (", ".join(pools) or "unknown")
    if torch_version:
        import torch
        blas = "MKL" if torch.backends.mkl.is_available() else "its own BLAS"
        text += (f"; torch: {blas}, {torch.get_num_threads()} threads, "
                 f"CPU capability {torch.backends.cpu.get_cpu_capability()}")
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats
    (X, y), _, _ = nn.data.load_mnist()
    Y = nn.data.one_hot(y)
    try:
        import torch
        torch_version = torch.__version__
    except ImportError:
        torch_version = None

    rows = {}   # (sizes, mbs, dtype, implementation) -> seconds
    for sizes in ([784, 30, 10], [784, 100, 10]):
        for mbs in (10, 100):
            for dtype in (np.float64, np.float32):
                key = (str(sizes), mbs, np.dtype(dtype).name)
                rows[key + ("nn",)] = time_nn(X, y, sizes, mbs, dtype, repeats)
                rows[key + ("matrix products only",)] = time_matmuls(sizes, mbs, dtype, repeats)
                if torch_version:
                    rows[key + ("torch nn.Sequential+SGD",)] = time_torch(X, Y, sizes, mbs, dtype, repeats, True)
                    rows[key + ("torch plain tensors",)] = time_torch(X, Y, sizes, mbs, dtype, repeats, False)
    loop_key = ("[784, 30, 10]", 10, "float64", "per-example loop")
    rows[loop_key] = time_loop(X, Y, [784, 30, 10], 10, repeats)

    print(f"numpy {np.__version__}, torch {torch_version or 'not installed'}; "
          f"median of {repeats} epochs, 50,000 images, seconds per epoch")
    print(f"BLAS: {blas_description(torch_version)}\n")
    print(f"| {'sizes':<14}| {'batch':>5} | {'dtype':<7} | {'implementation':<24} | {'s/epoch':>7} | {'vs nn':>6} |")
    print(f"|{'-' * 15}|{'-' * 7}|{'-' * 9}|{'-' * 26}|{'-' * 9}|{'-' * 8}|")
    for (sizes, mbs, dtype, impl), sec in sorted(rows.items(), key=lambda kv: kv[0][:3]):
        ratio = sec / rows[(sizes, mbs, dtype, "nn")]
        print(f"| {sizes:<14}| {mbs:>5} | {dtype:<7} | {impl:<24} | {sec:7.3f} | {ratio:5.2f}x |")

    options = time_options(X, y, repeats)
    plain = options["plain SGD"]
    print("\nPart III's options, [784, 30, 10], batch 10, float64, cross-entropy:\n")
    print(f"| {'option':<20}| {'s/epoch':>7} | {'vs plain':>8} |")
    print(f"|{'-' * 21}|{'-' * 9}|{'-' * 10}|")
    for label, sec in options.items():
        print(f"| {label:<20}| {sec:7.3f} | {sec / plain:7.2f}x |")

    seeds = list(range(5))
    together = {np.dtype(d).name: time_seeds(X, y, seeds, d, repeats)
                for d in (np.float64, np.float32)}
    print(f"\n{len(seeds)} seeds of [784, 30, 10], batch 10, cross-entropy, lambda = 5, "
          f"seconds per seed-epoch:\n")
    print(f"| {'dtype':<8}| {'one by one':>10} | {'nn.Ensemble':>11} | {'speed-up':>8} |")
    print(f"|{'-' * 9}|{'-' * 12}|{'-' * 13}|{'-' * 10}|")
    for name, (alone, stacked) in together.items():
        print(f"| {name:<8}| {alone:10.3f} | {stacked:11.3f} | {alone / stacked:7.2f}x |")

    small, large = ("[784, 30, 10]", 10), ("[784, 100, 10]", 100)
    targets = [("per-example loop / nn, [784,30,10], batch 10, f64 >= 7",
                rows[loop_key] / rows[small + ("float64", "nn")], lambda r: r >= 7)]
    if torch_version:
        targets += [
            ("torch nn.Sequential+SGD / nn, [784,30,10], batch 10, f32 >= 4",
             rows[small + ("float32", "torch nn.Sequential+SGD")] / rows[small + ("float32", "nn")], lambda r: r >= 4),
            ("torch plain tensors / nn, [784,30,10], batch 10, f32 > 1",
             rows[small + ("float32", "torch plain tensors")] / rows[small + ("float32", "nn")], lambda r: r > 1),
            ("nn / torch plain tensors, [784,100,10], batch 100, f32 <= 1.25",
             rows[large + ("float32", "nn")] / rows[large + ("float32", "torch plain tensors")], lambda r: r <= 1.25),
        ]
    targets += [(f"one by one / nn.Ensemble of {len(seeds)}, {name} >= 1.2", alone / stacked,
                 lambda r: r >= 1.2) for name, (alone, stacked) in together.items()]
    targets += [(f"float64 one by one / float32 nn.Ensemble >= 2 (the book's runs)",
                 together["float64"][0] / together["float32"][1], lambda r: r >= 2)]
    targets += [(f"{label} / plain SGD <= 1.5", sec / plain, lambda r: r <= 1.5)
                for label, sec in options.items() if label != "plain SGD"]
    print("\ntargets:")
    for name, ratio, ok in targets:
        print(f"  {'met ' if ok(ratio) else 'MISSED'}  {name}: {ratio:.2f}")


if __name__ == "__main__":
    main()
