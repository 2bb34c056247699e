#!/usr/bin/python3
"""gen_datasets.py - writes mlpviz's shipped datasets (datasets/*.csv).

The truth tables are written out by hand; the generated 2D sets come from
scikit-learn's generators and numpy with fixed seeds; the real tables are
converted from the CSV files that Debian's python3-sklearn ships (their
first line holds counts and class names; here they become plain CSV files
with a header row and, for the classification tables, text class labels).

Run from the repository root with Debian's Python (it has numpy and sklearn):
    /usr/bin/python3 datasets/gen_datasets.py
Made with python3-sklearn 1.2.1 and python3-numpy 1.24.2 (Debian 12); other
versions may draw different random points for the generated sets.
"""
import csv
import gzip
import os

import numpy as np
import sklearn.datasets as skd

OUT = os.path.dirname(os.path.abspath(__file__))
SK = os.path.join(os.path.dirname(skd.__file__), "data")


def write(name, header, rows, note):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as f:
        f.write("# %s\n" % note)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print("wrote %s (%d rows)" % (path, len(rows)))


def fmt(v):
    return "%.4f" % v


def truth_tables():
    ins = [(0, 0), (0, 1), (1, 0), (1, 1)]
    tables = {
        "and": lambda a, b: a & b,
        "or": lambda a, b: a | b,
        "nand": lambda a, b: 1 - (a & b),
        "xor": lambda a, b: a ^ b,
    }
    for name, f in tables.items():
        write(name + ".csv", ["x1", "x2", "y"],
              [[a, b, f(a, b)] for a, b in ins],
              "%s truth table" % name.upper())


def generated():
    x, y = skd.make_circles(n_samples=300, noise=0.08, factor=0.5,
                            random_state=3)
    write("rings.csv", ["x1", "x2", "y"],
          [[fmt(a), fmt(b), int(c)] for (a, b), c in zip(x, y)],
          "two rings: sklearn make_circles(300, noise=0.08, factor=0.5, "
          "random_state=3)")

    x, y = skd.make_moons(n_samples=300, noise=0.15, random_state=5)
    write("crescents.csv", ["x1", "x2", "y"],
          [[fmt(a), fmt(b), int(c)] for (a, b), c in zip(x, y)],
          "two crescents: sklearn make_moons(300, noise=0.15, random_state=5)")

    x, y = skd.make_blobs(n_samples=300, centers=3, cluster_std=1.0,
                          random_state=7)
    names = ["red", "green", "blue"]
    write("blobs3.csv", ["x1", "x2", "colour"],
          [[fmt(a), fmt(b), names[c]] for (a, b), c in zip(x, y)],
          "three clusters: sklearn make_blobs(300, centers=3, "
          "cluster_std=1.0, random_state=7)")

    # three interleaved spiral arms, 100 points each (a classic softmax demo)
    rng = np.random.default_rng(11)
    rows = []
    for k in range(3):
        r = np.linspace(0.05, 1.0, 100)
        t = np.linspace(k * 4.0, (k + 1) * 4.0, 100) + rng.normal(0, 0.2, 100)
        for ri, ti in zip(r, t):
            rows.append([fmt(ri * np.sin(ti)), fmt(ri * np.cos(ti)), k])
    write("spiral3.csv", ["x1", "x2", "arm"], rows,
          "three spiral arms: numpy default_rng(11), 100 points per arm")

    # a one-input regression: y = sin(x) plus a little noise
    rng = np.random.default_rng(5)
    xs = np.sort(rng.uniform(-3.0, 3.0, 200))
    ys = np.sin(xs) + rng.normal(0, 0.1, 200)
    write("sine.csv", ["x", "y"], [[fmt(a), fmt(b)] for a, b in zip(xs, ys)],
          "y = sin(x) + N(0, 0.1): numpy default_rng(5), 200 points")


def sk_table(fname):
    """Rows of one of sklearn's CSVs: (class names, [[fields...]...])."""
    with open(os.path.join(SK, fname)) as f:
        r = csv.reader(f)
        first = next(r)
        return first[2:], [row for row in r if row]


def real_tables():
    classes, rows = sk_table("iris.csv")
    write("iris.csv",
          ["sepal_length", "sepal_width", "petal_length", "petal_width",
           "species"],
          [row[:-1] + [classes[int(row[-1])]] for row in rows],
          "Iris (Fisher 1936), from scikit-learn's iris.csv")

    classes, rows = sk_table("wine_data.csv")
    write("wine.csv",
          ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
           "total_phenols", "flavanoids", "nonflavanoid_phenols",
           "proanthocyanins", "color_intensity", "hue", "od280/od315",
           "proline", "cultivar"],
          [row[:-1] + [classes[int(row[-1])]] for row in rows],
          "Wine recognition (UCI), from scikit-learn's wine_data.csv")

    classes, rows = sk_table("breast_cancer.csv")
    parts = ["radius", "texture", "perimeter", "area", "smoothness",
             "compactness", "concavity", "concave_points", "symmetry",
             "fractal_dimension"]
    header = (["mean_" + p for p in parts] + [p + "_error" for p in parts] +
              ["worst_" + p for p in parts] + ["diagnosis"])
    write("breast_cancer.csv", header,
          [row[:-1] + [classes[int(row[-1])]] for row in rows],
          "Breast Cancer Wisconsin (Diagnostic, UCI), from scikit-learn's "
          "breast_cancer.csv")

    with gzip.open(os.path.join(SK, "diabetes_data_raw.csv.gz"), "rt") as f:
        xs = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(SK, "diabetes_target.csv.gz"), "rt") as f:
        ys = ["%d" % round(float(line)) for line in f if line.strip()]
    assert len(xs) == len(ys) == 442
    write("diabetes.csv",
          ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6",
           "progression"],
          [x + [y] for x, y in zip(xs, ys)],
          "Diabetes (Efron et al. 2004), raw values, from scikit-learn's "
          "diabetes_data_raw.csv.gz and diabetes_target.csv.gz")


if __name__ == "__main__":
    truth_tables()
    generated()
    real_tables()
