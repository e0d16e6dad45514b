"""nn: the small numpy package behind the book "How neural networks learn".

One concept per module:
    activations  sigmoid, tanh, relu and their derivatives, softmax, step, perceptron
    costs        QuadraticCost, CrossEntropyCost, LogLikelihoodCost
    network      Network (feedforward, backprop, SGD, accuracy, total_cost, save), load
    ensemble     Ensemble (one network per seed, trained side by side)
    penalty      Penalty (L2 or L1: its cost and its gradient)
    dropout      dropout_masks (dropout in Network.SGD)
    schedule     sgd_with_schedule (early stopping, halving eta on a stall)
    expand       shift, rotate, expand (more training data from the images we have)
    gradient_check  numerical_gradient, relative_error, gradcheck
    neuron       train_neuron (one sigmoid neuron: the learning slowdown)
    descent      gradient_descent, fit_linear (batch / stochastic / mini-batch)
    data         load_mnist, one_hot
    runs         train_mnist (cached MNIST runs reported by the book)
"""
from .activations import (perceptron, relu, relu_prime, sigmoid, sigmoid_prime, softmax,
                          step, tanh, tanh_prime)
from .costs import CrossEntropyCost, LogLikelihoodCost, QuadraticCost
from .descent import fit_linear, gradient_descent
from .gradient_check import gradcheck, numerical_gradient, relative_error
from .dropout import dropout_masks
from .network import Network, load
from .ensemble import Ensemble
from .penalty import Penalty
from .neuron import train_neuron
from . import data, expand, runs, schedule


__all__ = ["sigmoid", "sigmoid_prime", "tanh", "tanh_prime", "relu", "relu_prime",
           "softmax", "step", "perceptron", "dropout_masks", "expand", "schedule",
           "QuadraticCost", "CrossEntropyCost", "LogLikelihoodCost", "Network", "load",
           "Ensemble", "Penalty", "gradcheck", "numerical_gradient", "relative_error",
           "train_neuron", "gradient_descent", "fit_linear", "data", "runs"]
