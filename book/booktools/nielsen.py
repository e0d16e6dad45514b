"""Nielsen's published data that the book compares its runs with, from his repository
(mnielsen/neural-networks-and-deep-learning, fig/*.json)."""
from .registry import MORE_DATA_SIZES

#: Nielsen's published data (fig/more_data.json, fig/more_data_svm.json of his
#: repository): validation accuracy (%) of his network and of scikit-learn's SVC with
#: its defaults of 2015, trained on the first n images.
NIELSEN_MORE_DATA = dict(zip(MORE_DATA_SIZES, (69.09, 76.37, 85.29, 88.85, 91.27, 93.24,
                                               94.89, 95.85, 95.97)))
NIELSEN_MORE_DATA_SVM = dict(zip(MORE_DATA_SIZES, (25.07, 48.93, 75.13, 83.87, 88.49,
                                                   91.46, 92.45, 93.47, 94.48)))

#: Nielsen's published training costs (fig/multiple_eta.json of his repository) after
#: epochs 1 to 30 of [784, 30, 10], cross-entropy, lambda = 5, m = 10, per eta; rounded
#: to 3 digits. Chapter 10 draws them; the appendix compares epochs 1, 10 and 30.
NIELSEN_MULTIPLE_ETA = {
    0.025: [0.878, 0.674, 0.598, 0.555, 0.518, 0.494, 0.473, 0.461, 0.443, 0.431,
            0.423, 0.414, 0.406, 0.401, 0.392, 0.387, 0.381, 0.376, 0.373, 0.371,
            0.366, 0.363, 0.357, 0.355, 0.354, 0.350, 0.349, 0.346, 0.344, 0.339],
    0.25: [0.495, 0.406, 0.405, 0.372, 0.374, 0.372, 0.354, 0.356, 0.343, 0.343,
           0.337, 0.345, 0.335, 0.348, 0.349, 0.339, 0.328, 0.332, 0.331, 0.330,
           0.327, 0.326, 0.320, 0.334, 0.339, 0.325, 0.327, 0.325, 0.331, 0.339],
    2.5: [0.925, 0.839, 0.887, 0.796, 0.781, 1.137, 0.788, 0.768, 0.737, 0.801,
          0.744, 0.737, 0.802, 0.852, 0.799, 0.802, 0.806, 0.815, 0.825, 0.750,
          0.937, 0.882, 0.861, 0.725, 0.804, 0.840, 0.834, 0.883, 0.886, 0.861],
}
