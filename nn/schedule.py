"""Early stopping and a learning-rate schedule driven by the validation accuracy.

After each epoch the accuracy on the validation data is compared with the best so far.
When it has not improved for ``patience`` epochs, eta is halved and the count starts
again; after ``halvings`` halvings the next stall ends training. With halvings = 0 this
is plain early stopping ("no improvement in `patience` epochs"); with halvings = 7 eta
goes down to eta/128 before training stops.
"""


def sgd_with_schedule(net, training_data, validation_data, max_epochs, mini_batch_size,
                      eta, patience, halvings=0, **sgd_kwargs):
    """Train ``net`` by ``net.SGD`` one epoch at a time, at most ``max_epochs`` epochs.

    training_data, validation_data: ``(X, y)`` as for SGD. sgd_kwargs go to every SGD
    call (e.g. lmbda; with mu, the velocity restarts at 0 every epoch). Returns
    ``{"evaluation_accuracy": [...], "eta": [...]}``, one entry per epoch trained: the
    validation accuracy after the epoch and the eta it was trained with.
    """
    if not isinstance(patience, int) or isinstance(patience, bool) or patience < 1:
        raise ValueError(f"patience must be a positive integer, got {patience!r}")
    if not isinstance(halvings, int) or isinstance(halvings, bool) or halvings < 0:
        raise ValueError(f"halvings must be a non-negative integer, got {halvings!r}")
    history = {"evaluation_accuracy": [], "eta": []}
    best, stalled, halved = -1.0, 0, 0
    for _ in range(max_epochs):
        accuracy = net.SGD(training_data, 1, mini_batch_size, eta,
                           evaluation_data=validation_data,
                           monitor=("evaluation_accuracy",),
                           **sgd_kwargs)["evaluation_accuracy"][0]
        history["evaluation_accuracy"].append(accuracy)
        history["eta"].append(eta)
        if accuracy > best:
            best, stalled = accuracy, 0
            continue
        stalled += 1
        if stalled == patience:
            if halved == halvings:
                break
            eta, stalled, halved = eta / 2, 0, halved + 1
    return history
