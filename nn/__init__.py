"""nn: the small numpy package behind the book "How neural networks learn".

One concept per module:
    activations  sigmoid, sigmoid_prime, softmax, step, perceptron
    costs        QuadraticCost, CrossEntropyCost, LogLikelihoodCost
    network      Network (feedforward, backprop, SGD, accuracy, total_cost, save), load
    gradcheck    numerical_gradient, gradcheck
    neuron       train_neuron (one sigmoid neuron: the learning slowdown)
    descent      gradient_descent, fit_linear (batch / stochastic / mini-batch)
    data         load_mnist, one_hot
    runs         train_mnist (cached MNIST runs reported by the book)
    plotting     use_book_style (figures of the book)
"""
from .activations import perceptron, sigmoid, sigmoid_prime, softmax, step
from .costs import CrossEntropyCost, LogLikelihoodCost, QuadraticCost
from .descent import fit_linear, gradient_descent
from .gradcheck import gradcheck, numerical_gradient
from .network import Network, load
from .neuron import train_neuron
from . import data, runs


def __getattr__(name):
    """``nn.plotting`` is imported on first use, so ``import nn`` does not load
    matplotlib."""
    if name == "plotting":
        import importlib
        return importlib.import_module(".plotting", __name__)
    raise AttributeError(f"module 'nn' has no attribute {name!r}")

__all__ = ["sigmoid", "sigmoid_prime", "softmax", "step", "perceptron",
           "QuadraticCost", "CrossEntropyCost", "LogLikelihoodCost", "Network", "load",
           "gradcheck", "numerical_gradient", "train_neuron", "gradient_descent",
           "fit_linear", "data", "runs"]
