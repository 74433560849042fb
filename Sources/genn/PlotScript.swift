/// `plot.py`, written beside a run's recordings: a Python script that draws the raster
/// and the traces again with matplotlib from the `.npy` files `summary.json` lists, for
/// a user to restyle (docs/plots.md). It is the same for every run: what it draws, it
/// reads from the summary beside it.
enum PlotScript {
  /// The file's name in the output folder.
  static let name = "plot.py"

  /// The script.
  static let text = #"""
    #!/usr/bin/env python3
    """Draw this run's pictures again with matplotlib, from its recordings.

    Written by SwiftGeNN's `genn run` (and `genn plot`) beside summary.json: it reads the
    .npy files that summary.json lists and draws the spike raster and the recorded
    variables as genn's raster.png and traces.png show them. It is yours to restyle: the
    settings below, the two functions, or any matplotlib style (`--style`).

        python3 plot.py                  # raster.pdf and traces.pdf in the current folder
        python3 plot.py --format png --out figures --dpi 200
        python3 plot.py --show           # open the figures in a window instead

    Needs Python 3.9, NumPy and matplotlib 3.5 or later (`pip install numpy matplotlib`).
    """

    from __future__ import annotations

    import argparse
    import json
    import warnings
    from pathlib import Path
    from typing import Any

    import numpy as np

    HERE = Path(__file__).resolve().parent

    # The most neurons a variable shows, each in its own panel; more: the first ones and
    # the mean over all of them.
    MAX_NEURONS = 6
    # Above this many spikes, the raster shows their density instead of one mark each.
    MAX_MARKS = 50_000


    def axis_title(quantity: str, unit: str | None) -> str:
        """`V (mV)`, or the quantity alone for a number without unit."""
        return quantity if unit in (None, "", "1") else f"{quantity} ({unit})"


    def plot_raster(summary: dict[str, Any], plt: Any) -> Any:
        """One band per population whose spikes were recorded, top to bottom in model order."""
        import matplotlib.colors

        populations = [p for p in summary["populations"] if p["spikes_recorded"]]
        duration = summary["duration_ms"]
        spikes = [(np.load(HERE / p["times_file"]), np.load(HERE / p["ids_file"])) for p in populations]
        dense = sum(len(times) for times, _ in spikes) > MAX_MARKS
        # Half of the height shared equally, half by neuron count, as genn draws it.
        sizes = np.array([max(1, p["neurons"]) for p in populations], dtype=float)
        ratios = 0.5 * sizes / sizes.sum() + 0.5 / len(sizes)
        figure, axes = plt.subplots(
            len(populations),
            1,
            sharex=True,
            squeeze=False,
            figsize=(10, 6),
            gridspec_kw={"height_ratios": ratios},
            layout="constrained",
        )
        figure.suptitle(f"{summary['model']}: spikes", x=0.02, ha="left", fontweight="bold")
        colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for index, (population, (times, ids)) in enumerate(zip(populations, spikes)):
            axis = axes[index, 0]
            colour = colours[index % len(colours)]
            if dense:
                bins = (400, max(1, min(population["neurons"], 200)))
                counts, _, _ = np.histogram2d(
                    times, ids, bins=bins, range=((0, duration), (0, population["neurons"]))
                )
                shades = matplotlib.colors.LinearSegmentedColormap.from_list(
                    population["name"], ["white", colour]
                )
                axis.imshow(
                    np.log1p(counts.T),
                    origin="lower",
                    aspect="auto",
                    cmap=shades,
                    extent=(0, duration, -0.5, population["neurons"] - 0.5),
                    interpolation="nearest",
                )
            else:
                tall = max(1.0, min(8.0, 300 / max(1, population["neurons"])))
                axis.plot(times, ids, "|", markersize=tall, markeredgewidth=1, color=colour)
            axis.set_ylim(-0.5, max(1, population["neurons"]) - 0.5)
            axis.set_xlim(0, duration)
            rate = population.get("mean_rate_hz")
            label = population["name"] + ("" if rate is None else f"\n{rate:.3g} Hz")
            axis.set_ylabel(label, rotation=0, ha="left", va="center", color=colour)
            axis.yaxis.set_label_position("right")
            axis.yaxis.get_major_locator().set_params(integer=True)
        axes[-1, 0].set_xlabel("time (ms)")
        figure.supylabel("neuron")
        return figure


    def variable_lines(values: np.ndarray, column: str) -> list[tuple[str, np.ndarray]]:
        """Each neuron's line when they fit, else the first ones and the mean over all."""
        count = values.shape[1]
        if count <= MAX_NEURONS:
            return [(f"{column} {index}", values[:, index]) for index in range(count)]
        shown = [(f"{column} {index}", values[:, index]) for index in range(MAX_NEURONS - 1)]
        with warnings.catch_warnings():  # a sample with no finite value has no mean
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = np.nanmean(np.where(np.isfinite(values), values, np.nan), axis=1)
        return shown + [(f"mean of {count}", mean)]


    def plot_traces(summary: dict[str, Any], plt: Any) -> Any:
        """One group of panels per recorded variable, one panel per neuron."""
        groups = []
        for variable in summary["variables"]:
            values = np.load(HERE / variable["file"])
            times = np.load(HERE / variable["times_file"])
            groups.append((variable, times, variable_lines(values, variable["unit"])))
        panels = [max(1, len(lines)) for _, _, lines in groups]
        figure = plt.figure(
            figsize=(10, 0.9 * sum(panels) + 0.5 * len(groups) + 0.8), layout="constrained"
        )
        figure.suptitle(f"{summary['model']}: recorded variables", x=0.02, ha="left", fontweight="bold")
        colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        rows = figure.subfigures(len(groups), 1, height_ratios=panels, squeeze=False)[:, 0]
        for index, (row, (variable, times, lines)) in enumerate(zip(rows, groups)):
            title = axis_title(variable["variable"], variable.get("value_unit"))
            row.suptitle(
                f"{variable['element']}: {title}",
                x=0.02,
                ha="left",
                fontweight="bold",
                fontsize="medium",
            )
            axes = row.subplots(max(1, len(lines)), 1, sharex=True, sharey=True, squeeze=False)[:, 0]
            for panel, (axis, (label, line)) in enumerate(zip(axes, lines)):
                colour = "black" if label.startswith("mean") else colours[panel % len(colours)]
                axis.plot(times, line, color=colour, linewidth=1.2)
                axis.set_ylabel(label, rotation=0, ha="left", va="center", color=colour)
                axis.yaxis.set_label_position("right")
                axis.set_xlim(0, summary["duration_ms"])
                if panel < len(lines) - 1 or index < len(groups) - 1:
                    axis.tick_params(labelbottom=False)
            row.supylabel(title, fontsize="medium")
        if figure.axes:
            figure.axes[-1].set_xlabel("time (ms)")
        return figure


    def main() -> None:
        parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
        parser.add_argument("--out", type=Path, default=Path("."), help="folder for the figures")
        parser.add_argument("--format", default="pdf", help="pdf, png, svg, ... (default pdf)")
        parser.add_argument("--dpi", type=int, default=150, help="dots per inch of bitmaps")
        parser.add_argument("--style", default=None, help="a matplotlib style, e.g. ggplot")
        parser.add_argument("--show", action="store_true", help="show the figures, save none")
        options = parser.parse_args()
        import matplotlib

        if not options.show:
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        if options.style:
            plt.style.use(options.style)
        summary = json.loads((HERE / "summary.json").read_text())
        figures = {}
        if any(p["spikes_recorded"] for p in summary["populations"]):
            figures["raster"] = plot_raster(summary, plt)
        if summary["variables"]:
            figures["traces"] = plot_traces(summary, plt)
        if options.show:
            plt.show()
            return
        options.out.mkdir(parents=True, exist_ok=True)
        for name, figure in figures.items():
            path = options.out / f"{name}.{options.format}"
            figure.savefig(path, dpi=options.dpi, bbox_inches="tight")
            print(path)


    if __name__ == "__main__":
        main()

    """#
}
